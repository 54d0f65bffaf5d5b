// The store payment-collection routes serve what Medusa's store allow-list lets through, and drop the rest silently:
// the same `fields` sent to Medusa's own route (its filter, then the module) and straight to this service must give
// answers of the same shape, on the collection of a completed cart whose payment was captured and partly refunded.
import assert from "node:assert/strict"
import { before, describe, it } from "node:test"
import { adminOrder, cartWithOneTee, dashboard, routings, storefront, systemProvider } from "./support/stack.mjs"

const fieldLists = [
  undefined,
  "",
  "+status",
  "-amount",
  "id,amount",
  "nope_field",
  "-payment_sessions",
  "+payment_sessions",
  "payment_sessions.*",
  "*payment_sessions",
  "payment_sessions.id,payment_sessions.status",
  "+payment_sessions.context,+payment_sessions.data",
  "+payment_providers",
  "payment_providers.*",
  "*payment_providers",
  "*payments",
  "+payments.refunds.note,+payments.refunds.created_by",
  "+payments.refunds.note,+status",
  "+authorized_amount,+captured_amount,+refunded_amount",
]

/** The keys of an answer, sorted, down to its leaves; a list by its first item. */
function shapeOf(value) {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : []
  if (value === null || typeof value !== "object") return typeof value
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shapeOf(value[key])]))
}

describe("fields on the store payment-collection routes", () => {
  const answers = {}

  before(async () => {
    const { shop, payments } = await storefront(routings.fastPath)
    const cart = await cartWithOneTee(shop)
    await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })
    const completion = await shop.store.cart.complete(cart.id)
    assert.equal(completion.type, "order", JSON.stringify(completion.error))
    const [payment] = (await adminOrder(completion.order.id)).payment_collections[0].payments
    const admin = await dashboard()
    await admin.admin.payment.capture(payment.id, {})
    await admin.admin.payment.refund(payment.id, { amount: 10, note: "internal: chargeback risk" })

    for (const routing of Object.values(routings)) {
      const { payments: client } = await storefront(routing)
      answers[routing.name] = async (fields) => shapeOf((await client.client.fetch("/store/payment-collections", {
        method: "POST",
        body: { cart_id: cart.id },
        query: fields === undefined ? {} : { fields },
      })).payment_collection)
    }
  })

  for (const fields of fieldLists) {
    it(`answers ${fields === undefined ? "no fields" : `fields=${fields}`} as Medusa does`, async () => {
      assert.deepEqual(await answers[routings.fastPath.name](fields), await answers[routings.medusa.name](fields))
    })
  }
})
