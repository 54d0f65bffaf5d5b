// Medusa's JWTs, minted here as the commerce backend would issue them. Shoppers and admin users log in at the backend
// (POST /auth/customer/emailpass, POST /auth/user/emailpass), which this service does not serve; the backend signs
// its tokens HS256 with its JWT_SECRET, which the local host is given as AdminAuth:JwtSecret.
import { createHmac } from "node:crypto";

const dayInSeconds = 24 * 60 * 60;

/** A customer's token with the claims a Medusa 2.21.2 backend was recorded issuing: 24 hours, actor_type "customer". */
export function customerToken(customerId, secret, { issuedAt = nowInSeconds(), lifetime = dayInSeconds } = {}) {
  return sign({
    actor_id: customerId,
    actor_type: "customer",
    auth_identity_id: "authid_" + customerId.slice("cus_".length),
    auth_provider: "emailpass",
    mfa_enabled: false,
    mfa_challenge_completed_at: null,
    app_metadata: { customer_id: customerId },
    user_metadata: {},
    iat: issuedAt,
    exp: issuedAt + lifetime,
  }, secret);
}

/** An admin user's token as POST /auth/user/emailpass issues it (spec §2.2): 24 hours, actor_type "user". */
export function adminUserToken(userId, secret, { issuedAt = nowInSeconds() } = {}) {
  return sign({
    actor_id: userId,
    actor_type: "user",
    auth_identity_id: "authid_" + userId.slice("user_".length),
    auth_provider: "emailpass",
    app_metadata: { user_id: userId },
    iat: issuedAt,
    exp: issuedAt + dayInSeconds,
  }, secret);
}

function sign(claims, secret) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}

function nowInSeconds() {
  return Math.floor(Date.now() / 1000);
}
