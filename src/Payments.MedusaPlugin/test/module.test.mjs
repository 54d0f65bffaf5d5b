// The payment module as Medusa's core calls it: which module route each method calls, and the entities it hands back
// in the shapes Medusa's own module returns (single or list as asked, dates as Dates, raw amounts kept).
import assert from "node:assert/strict"
import { afterEach, beforeEach, describe, it } from "node:test"
import { MedusaError } from "@medusajs/framework/utils"
import paymentModule from "../.medusa/server/src/modules/payment/index.js"
import { toMedusaEntity, toQueryRequest } from "../.medusa/server/src/modules/payment/entities.js"

const PaymentModuleService = paymentModule.default ? paymentModule.default.service : paymentModule.service
const quietLogger = { warn() {}, error() {}, info() {} }
const options = { url: "http://payments.test/", apiKey: "k" }

const collection = {
  id: "pay_col_1", currency_code: "usd", amount: 25, raw_amount: { value: "25", precision: 20 },
  status: "not_paid", completed_at: null, created_at: "2026-12-07T10:00:00.000Z", updated_at: "2026-12-07T10:00:00.000Z",
  deleted_at: null, metadata: null,
}

let requests
let answers
const realFetch = globalThis.fetch
beforeEach(() => {
  requests = []
  answers = []
  globalThis.fetch = async (url, init) => {
    requests.push({ url, method: init.method, body: init.body ? JSON.parse(init.body) : undefined })
    const { status = 200, body } = answers.shift()
    return new Response(JSON.stringify(body), { status })
  }
})
afterEach(() => { globalThis.fetch = realFetch })

const service = () => new PaymentModuleService({ logger: quietLogger }, options)
const answer = (body, status = 200) => answers.push({ body, status })

describe("the payment module", () => {
  it("refuses to start without its options, naming the variables", () => {
    assert.throws(() => new PaymentModuleService({ logger: quietLogger }, { url: "http://x" }), {
      message: "@payments-functions/medusa: set options.apiKey (PAYMENTS_FUNCTIONS_API_KEY) in medusa-config",
    })
  })

  it("has Medusa's payment joiner configuration without the SQL push-down metadata", () => {
    const config = service().__joinerConfig()
    assert.equal(config.serviceName, "payment")
    assert.deepEqual(config.linkableKeys.payment_collection_id, "PaymentCollection")
    assert.ok(config.alias.some((alias) => alias.name.includes("payment_collection") && alias.args.methodSuffix === "PaymentCollections"))
    assert.ok(config.alias.every((alias) => !("__internal" in alias)))
    assert.match(config.schema, /type PaymentCollection \{/)
  })

  it("creates one collection or several as asked, as Medusa's module returns them", async () => {
    answer({ payment_collections: [collection] })

    const created = await service().createPaymentCollections({ currency_code: "usd", amount: 25 })

    assert.deepEqual(requests, [{ url: "http://payments.test/module/payment-collections", method: "POST",
      body: { payment_collections: [{ currency_code: "usd", amount: 25 }] } }])
    assert.equal(created.id, "pay_col_1")
    assert.deepEqual(created.raw_amount, { value: "25", precision: 20 })
    assert.ok(created.created_at instanceof Date)
    assert.equal(created.completed_at, null)
  })

  it("lists through the query route with relations named by select, and counts when paginating", async () => {
    answer({ data: [collection], count: 7 })

    const [rows, count] = await service().listAndCountPaymentCollections(
      { id: ["pay_col_1"] }, { select: ["id", "payment_sessions.id"], skip: 0, take: 1 })

    assert.equal(count, 7)
    assert.equal(rows[0].id, "pay_col_1")
    assert.deepEqual(requests[0].body, {
      filters: { id: ["pay_col_1"] }, relations: ["payment_sessions"], select: ["id", "payment_sessions.id"],
      skip: 0, take: 1, count: true,
    })
    assert.equal(requests[0].url, "http://payments.test/module/query/payment_collection")
  })

  it("retrieves one entity or fails with Medusa's not-found message", async () => {
    answer({ data: [], count: 0 })

    await assert.rejects(service().retrievePaymentSession("payses_1", { relations: ["payment"] }), {
      type: MedusaError.Types.NOT_FOUND,
      message: "PaymentSession with id: payses_1 was not found",
    })
    assert.deepEqual(requests[0].body.filters, { id: "payses_1" })
  })

  it("updates the collections a selector finds, one route call each", async () => {
    answer({ data: [{ id: "pay_col_1" }, { id: "pay_col_2" }], count: 2 })
    answer({ payment_collection: { ...collection, amount: 30 } })
    answer({ payment_collection: { ...collection, id: "pay_col_2", amount: 30 } })

    const updated = await service().updatePaymentCollections({ id: ["pay_col_1", "pay_col_2"] }, { amount: 30, currency_code: "usd" })

    assert.deepEqual(updated.map((c) => c.id), ["pay_col_1", "pay_col_2"])
    assert.deepEqual(requests.slice(1).map((r) => [r.method, r.url, r.body]), [
      ["POST", "http://payments.test/module/payment-collections/pay_col_1", { amount: 30, currency_code: "usd" }],
      ["POST", "http://payments.test/module/payment-collections/pay_col_2", { amount: 30, currency_code: "usd" }],
    ])
  })

  it("answers null for an authorization that the provider defers", async () => {
    answer({ payment: null })

    assert.equal(await service().authorizePaymentSession("payses_1", {}), null)
    assert.deepEqual([requests[0].url, requests[0].body], ["http://payments.test/module/payment-sessions/payses_1/authorize", { context: {} }])
  })

  it("captures with the payment id in the path and the rest in the body", async () => {
    answer({ payment: { id: "pay_1", captured_at: "2026-12-07T10:00:01.000Z", captures: [{ id: "capt_1", amount: 25 }] } })

    const payment = await service().capturePayment({ payment_id: "pay_1", amount: 25, captured_by: "user_1" })

    assert.deepEqual(requests[0].body, { amount: 25, captured_by: "user_1" })
    assert.ok(payment.captured_at instanceof Date)
    assert.equal(payment.captures[0].id, "capt_1")
  })

  it("returns a known account holder without a call, as Medusa's module does", async () => {
    const holder = { id: "acchld_1", provider_id: "pp_system_default" }
    assert.equal(await service().createAccountHolder({ provider_id: "pp_system_default", context: { account_holder: holder } }), holder)
    assert.equal(requests.length, 0)
  })

  it("passes a webhook sent to Medusa on to Payments.Functions and leaves Medusa's subscriber nothing to do", async () => {
    answer("")

    const result = await service().getWebhookActionAndData({
      provider: "stripe_stripe",
      payload: { data: {}, rawData: Buffer.from("{}"), headers: { "stripe-signature": "t=1,v1=ab", host: "medusa" } },
    })

    assert.deepEqual(result, { action: "not_supported" })
    assert.equal(requests[0].url, "http://payments.test/hooks/payment/stripe_stripe")
  })
})

describe("toMedusaEntity", () => {
  it("revives every *_at timestamp, nested too, and leaves amounts and nulls", () => {
    const entity = toMedusaEntity({ captured_at: "2026-12-07T10:00:00.000Z", canceled_at: null, amount: 12.5,
      captures: [{ created_at: "2026-12-07T10:00:01.000Z", raw_amount: { value: "12.5", precision: 20 } }] })
    assert.ok(entity.captured_at instanceof Date)
    assert.equal(entity.canceled_at, null)
    assert.equal(entity.amount, 12.5)
    assert.equal(entity.captures[0].created_at.toISOString(), "2026-12-07T10:00:01.000Z")
    assert.deepEqual(entity.captures[0].raw_amount, { value: "12.5", precision: 20 })
  })
})

describe("toQueryRequest", () => {
  it("names every relation a dotted select reaches, once, with Medusa's options", () => {
    assert.deepEqual(toQueryRequest({ id: "pay_1" }, {
      select: ["id", "payments.captures.raw_amount", "payments.refunds.id"], relations: ["payment_sessions"], withDeleted: true,
      order: { created_at: "DESC" }, take: null,
    }, false), {
      filters: { id: "pay_1" },
      relations: ["payment_sessions", "payments", "payments.captures", "payments.refunds"],
      select: ["id", "payments.captures.raw_amount", "payments.refunds.id"],
      take: null,
      order: { created_at: "DESC" },
      with_deleted: true,
      count: false,
    })
  })
})
