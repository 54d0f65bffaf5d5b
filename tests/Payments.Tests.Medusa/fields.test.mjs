// `fields` as a stock Medusa 2.21.2 answers it: the same field lists sent to a Medusa on its own Payment Module, to the
// suite's Medusa (its route, then the plugin's module) and straight to this service must give answers of the same
// shape. Each asks about a completed cart whose payment was captured and partly refunded with an internal note; the
// store routes must drop what Medusa's store allow-list drops (issue 16), the admin routes serve the rest.
import assert from "node:assert/strict"
import { before, describe, it } from "node:test"
import {
  adminOrder,
  cartWithOneTee,
  dashboard,
  routings,
  serviceAdmin,
  state,
  stockMedusa,
  storefront,
  systemProvider,
} from "./support/stack.mjs"

const storeFieldLists = [
  undefined, "", "+status", "-amount", "id,amount", "nope_field", "payment_sessions", "-payment_sessions",
  "+payment_sessions", "payment_sessions.*", "*payment_sessions", "payment_sessions.id,payment_sessions.status",
  "+payment_sessions.context,+payment_sessions.data", "+payment_sessions.payment", "payment_providers",
  "+payment_providers", "payment_providers.*", "*payment_providers", "*payments",
  "+payments.refunds.note,+payments.refunds.created_by", "+payments.refunds.note,+status",
  "+authorized_amount,+captured_amount,+refunded_amount",
]

const adminFieldLists = [
  undefined, "id,payment_collection", "+payment_session", "id,captures", "+captures", "*captures,*refunds",
  "+refunds.refund_reason.label", "id,refunds.note,refunds.amount",
]

/** The keys of an answer, sorted, down to its leaves; a list by its first item. */
function shapeOf(value) {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : []
  if (value === null || typeof value !== "object") return typeof value
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shapeOf(value[key])]))
}

const query = (fields) => (fields === undefined ? {} : { fields })
const named = (fields) => (fields === undefined ? "no fields" : `fields=${fields}`)

/** A guest's completed cart in the routing's Medusa, its payment captured and 10 of it refunded with a note. */
async function refundedCart(routing) {
  const seeded = routing.seeded ?? state
  const { shop, payments } = await storefront(routing)
  const cart = await cartWithOneTee(shop, undefined, seeded.regionId, seeded)
  await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })
  const completion = await shop.store.cart.complete(cart.id)
  assert.equal(completion.type, "order", JSON.stringify(completion.error))
  const [payment] = (await adminOrder(completion.order.id, seeded)).payment_collections[0].payments
  const admin = await dashboard(seeded)
  await admin.admin.payment.capture(payment.id, {})
  await admin.admin.payment.refund(payment.id, { amount: 10, note: "internal: chargeback risk" })
  return { cartId: cart.id, paymentId: payment.id, shop: payments, admin }
}

/** The answers' shapes, per place asked: a stock Medusa's, and this service's through either routing. */
const places = {}

before(async () => {
  const [stock, ours] = await Promise.all([refundedCart(stockMedusa), refundedCart(routings.fastPath)])
  const { payments: throughMedusa } = await storefront(routings.medusa)
  const storeCollection = (client, cartId) => async (fields) => shapeOf((await client.client.fetch("/store/payment-collections", {
    method: "POST",
    body: { cart_id: cartId },
    query: query(fields),
  })).payment_collection)
  const adminPayment = (admin, paymentId) => async (fields) => shapeOf((await admin.client.fetch(`/admin/payments/${paymentId}`, { query: query(fields) })).payment)
  places.stock = { store: storeCollection(stock.shop, stock.cartId), admin: adminPayment(stock.admin, stock.paymentId) }
  places[routings.medusa.name] = { store: storeCollection(throughMedusa, ours.cartId), admin: adminPayment(ours.admin, ours.paymentId) }
  places[routings.fastPath.name] = {
    store: storeCollection(ours.shop, ours.cartId),
    admin: async (fields) => {
      const answer = await serviceAdmin(`/admin/payments/${ours.paymentId}${fields === undefined ? "" : `?fields=${encodeURIComponent(fields)}`}`)
      return shapeOf((await answer.json()).payment)
    },
  }
})

for (const [route, fieldLists] of [["store", storeFieldLists], ["admin", adminFieldLists]]) {
  describe(`fields on the ${route === "store" ? "store payment-collection" : "admin payment"} routes, as a stock Medusa answers them`, () => {
    for (const fields of fieldLists) {
      it(`answers ${named(fields)} alike`, async () => {
        const expected = await places.stock[route](fields)
        const answered = {}
        for (const routing of Object.values(routings)) answered[routing.name] = await places[routing.name][route](fields)
        assert.deepEqual(answered, Object.fromEntries(Object.keys(answered).map((name) => [name, expected])))
      })
    }
  })
}
