// The event route's signature check, as Payments.Functions signs: t=<unix seconds>,v1=<hex HMAC-SHA256("<t>.<raw body>")>.
import assert from "node:assert/strict"
import { createHmac } from "node:crypto"
import { describe, it } from "node:test"
import { verifySignature } from "../.medusa/server/src/lib/signature.js"

const key = "module-api-key-for-tests"
const body = Buffer.from('{"id":"evt_1","type":"payment.captured","created_at":"2026-12-07T10:00:00.000Z","data":{}}')
const now = 1_800_000_000
const sign = (t, payload = body, secret = key) => createHmac("sha256", secret).update(`${t}.${payload}`).digest("hex")

describe("verifySignature", () => {
  it("accepts the service's signature of the raw body", () => {
    assert.deepEqual(verifySignature(`t=${now},v1=${sign(now)}`, body, key, now), { valid: true })
  })

  it("accepts any of several v1 signatures, as while the key is rotated", () => {
    const header = `t=${now},v1=${sign(now, body, "the-old-key")},v1=${sign(now)}`
    assert.deepEqual(verifySignature(header, body, key, now), { valid: true })
  })

  it("accepts a signature up to 300 s old or early", () => {
    assert.equal(verifySignature(`t=${now - 300},v1=${sign(now - 300)}`, body, key, now).valid, true)
    assert.equal(verifySignature(`t=${now + 300},v1=${sign(now + 300)}`, body, key, now).valid, true)
  })

  it("refuses a signature older than 300 s", () => {
    assert.deepEqual(verifySignature(`t=${now - 301},v1=${sign(now - 301)}`, body, key, now), {
      valid: false,
      reason: "x-payments-functions-signature is older than 300 s",
    })
  })

  it("refuses a body changed after signing, even by re-serialising the same JSON", () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1))
    assert.equal(verifySignature(`t=${now},v1=${sign(now)}`, reserialised, key, now).valid, false)
  })

  it("refuses another key's signature", () => {
    assert.equal(verifySignature(`t=${now},v1=${sign(now, body, "another-key")}`, body, key, now).valid, false)
  })

  it("refuses a missing, malformed or truncated header without throwing", () => {
    for (const header of [undefined, "", "v1=abc", `t=${now}`, `t=soon,v1=${sign(now)}`, `t=${now},v1=${sign(now).slice(2)}`, `t=${now},v1=zz`]) {
      assert.equal(verifySignature(header, body, key, now).valid, false, String(header))
    }
  })
})
