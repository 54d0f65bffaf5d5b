// How the module calls Payments.Functions: credentials, idempotency keys kept across retries, bounded retries, and
// answers turned into the MedusaErrors Medusa's routes map to the statuses Medusa's own module would cause.
import assert from "node:assert/strict"
import { describe, it } from "node:test"
import { MedusaError } from "@medusajs/framework/utils"
import { PaymentsFunctionsClient, errorFromAnswer } from "../.medusa/server/src/lib/client.js"

const options = { url: "http://payments.test", apiKey: "the-module-key" }
const quiet = { warn() {}, error() {} }
const fastRetries = { attempts: 3, firstDelayMs: 1, attemptTimeoutMs: 1000 }

/** A fetch that answers from a list and records each request. */
function scriptedFetch(...answers) {
  const requests = []
  const fetch = async (url, init) => {
    requests.push({ url, ...init })
    const next = answers.shift()
    if (next instanceof Error) throw next
    return new Response(typeof next.body === "string" ? next.body : JSON.stringify(next.body), { status: next.status })
  }
  return { fetch, requests }
}

const client = (fetch) => new PaymentsFunctionsClient(options, quiet, fetch, fastRetries)

describe("PaymentsFunctionsClient", () => {
  it("sends the module key as a Bearer token and JSON bodies", async () => {
    const { fetch, requests } = scriptedFetch({ status: 200, body: { data: [], count: 0 } })

    const answer = await client(fetch).read("/module/query/payment", { filters: { id: ["pay_1"] } })

    assert.deepEqual(answer, { data: [], count: 0 })
    assert.equal(requests[0].url, "http://payments.test/module/query/payment")
    assert.equal(requests[0].method, "POST")
    assert.equal(requests[0].headers.authorization, "Bearer the-module-key")
    assert.equal(requests[0].headers["content-type"], "application/json")
    assert.equal(requests[0].headers["idempotency-key"], undefined)
  })

  it("retries a write after a lost answer with the same Idempotency-Key", async () => {
    const { fetch, requests } = scriptedFetch(new TypeError("fetch failed"), { status: 503, body: {} }, { status: 200, body: { payment: { id: "pay_1" } } })

    const answer = await client(fetch).write("POST", "/module/payments/pay_1/capture", { amount: 10 })

    assert.deepEqual(answer, { payment: { id: "pay_1" } })
    assert.equal(requests.length, 3)
    const keys = new Set(requests.map((request) => request.headers["idempotency-key"]))
    assert.equal(keys.size, 1)
    assert.match([...keys][0], /^medusa-[0-9a-f-]{36}$/)
  })

  it("retries a write whose answer breaks off in its body with the same Idempotency-Key", async () => {
    const requests = []
    const brokenBody = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"payment":'))
        controller.error(new TypeError("terminated"))
      },
    })
    const answers = [new Response(brokenBody, { status: 200 }), new Response(JSON.stringify({ payment: { id: "pay_1" } }), { status: 200 })]
    const fetch = async (url, init) => {
      requests.push(init)
      return answers.shift()
    }

    const answer = await client(fetch).write("POST", "/module/payments/pay_1/capture", { amount: 10 })

    assert.deepEqual(answer, { payment: { id: "pay_1" } })
    assert.equal(requests.length, 2)
    assert.equal(requests[0].headers["idempotency-key"], requests[1].headers["idempotency-key"])
  })

  it("gives each call its own Idempotency-Key", async () => {
    const { fetch, requests } = scriptedFetch({ status: 200, body: {} }, { status: 200, body: {} })
    const payments = client(fetch)

    await payments.write("POST", "/module/payments/pay_1/refund", { amount: 1 })
    await payments.write("POST", "/module/payments/pay_1/refund", { amount: 1 })

    assert.notEqual(requests[0].headers["idempotency-key"], requests[1].headers["idempotency-key"])
  })

  it("stops after three attempts with the service unavailable as an unexpected_state", async () => {
    const { fetch, requests } = scriptedFetch(...Array(3).fill(new TypeError("connect ECONNREFUSED")))

    await assert.rejects(client(fetch).write("DELETE", "/module/payment-sessions/payses_1"), {
      type: MedusaError.Types.UNEXPECTED_STATE,
      message: "The payment service is unavailable, try again",
    })
    assert.equal(requests.length, 3)
  })

  it("does not repeat a request the service refused", async () => {
    const { fetch, requests } = scriptedFetch({ status: 400, body: { type: "invalid_data", message: "Cart cart_1 is already completed." } })

    await assert.rejects(client(fetch).write("POST", "/module/payment-collections/pay_col_1/payment-sessions", {}), {
      type: MedusaError.Types.INVALID_DATA,
      message: "Cart cart_1 is already completed.",
    })
    assert.equal(requests.length, 1)
  })

  it("forwards a webhook's raw bytes and the headers it names, without the module key", async () => {
    const { fetch, requests } = scriptedFetch({ status: 200, body: "" })
    const raw = Buffer.from('{"id":"evt_1"}')

    await client(fetch).forward("/hooks/payment/stripe_stripe", raw, { "stripe-signature": "t=1,v1=ab" })

    assert.equal(requests[0].url, "http://payments.test/hooks/payment/stripe_stripe")
    assert.equal(requests[0].body, raw)
    assert.deepEqual(requests[0].headers, { "stripe-signature": "t=1,v1=ab" })
  })
})

describe("errorFromAnswer", () => {
  const cases = [
    [400, { type: "invalid_data", message: "Cart cart_1 is already completed." }, "invalid_data", "Cart cart_1 is already completed."],
    [400, { type: "not_allowed", message: "Session: payses_1 was not authorized with the provider." }, "not_allowed", "Session: payses_1 was not authorized with the provider."],
    [404, { type: "not_found", message: "Payment with id: pay_1 was not found" }, "not_found", "Payment with id: pay_1 was not found"],
    [409, { code: "invalid_state_error", type: "conflict", message: "The request conflicted with another request." }, "conflict", "The request conflicted with another request."],
    [422, { type: "payment_authorization_error", message: "Payment authorization failed" }, "payment_authorization_error", "Payment authorization failed"],
    [500, { type: "unexpected_state", message: "A captured payment cannot be canceled" }, "unexpected_state", "A captured payment cannot be canceled"],
    [502, { type: "unexpected_state", message: "The payment provider did not answer" }, "unexpected_state", "The payment service is unavailable, try again"],
    [503, { type: "unexpected_state", message: "The payment service is temporarily unavailable, try again" }, "unexpected_state", "The payment service is unavailable, try again"],
    [500, { code: "unknown_error", type: "unknown_error", message: "An unknown error occurred." }, "unexpected_state", "The payment service is unavailable, try again"],
    [404, "<html>not found</html>", "unexpected_state", "The payment service is unavailable, try again"],
  ]
  for (const [status, body, type, message] of cases) {
    it(`maps ${status} ${typeof body === "string" ? "non-JSON" : body.type} to ${type}`, () => {
      const error = errorFromAnswer(status, typeof body === "string" ? body : JSON.stringify(body))
      assert.ok(MedusaError.isMedusaError(error))
      assert.deepEqual({ type: error.type, message: error.message }, { type, message })
    })
  }

  it("keeps the envelope's code", () => {
    assert.equal(errorFromAnswer(409, JSON.stringify({ code: "invalid_state_error", type: "conflict", message: "x" })).code, "invalid_state_error")
  })

  it("turns a refused module key into a configuration error, not the shopper's 401", () => {
    const error = errorFromAnswer(401, JSON.stringify({ message: "Unauthorized" }))
    assert.equal(error.type, MedusaError.Types.UNEXPECTED_STATE)
    assert.match(error.message, /PAYMENTS_FUNCTIONS_API_KEY must equal its CommerceBackend:ModuleApiKey/)
  })
})
