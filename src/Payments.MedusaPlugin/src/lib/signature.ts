import { createHmac, timingSafeEqual } from "node:crypto"

export const signatureHeader = "x-payments-functions-signature"

/** How old a signed event may be: a captured request cannot be replayed later than this. */
export const signatureToleranceSeconds = 300

export type SignatureVerdict = { valid: true } | { valid: false; reason: string }

/**
 * Checks `t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>.<raw body>")>` as Payments.Functions signs its events,
 * on the bytes that arrived (re-serialised JSON would not match). Several `v1` entries are allowed, so the
 * service can sign with an old and a new key while the key is rotated.
 */
export function verifySignature(
  header: string | undefined,
  rawBody: Buffer,
  key: string,
  nowSeconds: number
): SignatureVerdict {
  const entries = (header ?? "").split(",").map((entry) => entry.trim().split("="))
  const timestamp = Number(entries.find(([name]) => name === "t")?.[1])
  const signatures = entries.filter(([name, value]) => name === "v1" && value).map(([, value]) => value)
  if (!Number.isInteger(timestamp) || !signatures.length) {
    return { valid: false, reason: `${signatureHeader} is missing or malformed` }
  }
  if (Math.abs(nowSeconds - timestamp) > signatureToleranceSeconds) {
    return { valid: false, reason: `${signatureHeader} is older than ${signatureToleranceSeconds} s` }
  }
  const expected = createHmac("sha256", key).update(`${timestamp}.`).update(rawBody).digest()
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, "hex")
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
  return matches ? { valid: true } : { valid: false, reason: `${signatureHeader} does not match` }
}
