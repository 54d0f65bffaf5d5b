// What Payments.Functions does on its own routes reaches Medusa through the plugin's event route (docs/module-api.md
// §5): a session authorized here completes its cart into an order, as Medusa's webhook subscriber would, and captures
// and refunds made here are booked on the order, whose payment_status follows.
import assert from "node:assert/strict"
import { describe, it } from "node:test"
import {
  adminOrder,
  cartWithOneTee,
  dashboard,
  eventually,
  paidOrder,
  refetchCart,
  routings,
  serviceAdmin,
  storefront,
  systemProvider,
} from "./support/stack.mjs"

describe("events from Payments.Functions", () => {
  it("completes the cart of a session authorized on this service's own route", async () => {
    const { shop, payments } = await storefront(routings.fastPath)
    const cart = await cartWithOneTee(shop)
    const { payment_collection: collection } = await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })

    const authorized = await serviceAdmin(`/admin/payment-collections/${collection.id}/payment-sessions/${collection.payment_sessions[0].id}/authorize`, {})

    assert.equal(authorized.status, 200, await authorized.text())
    assert.ok(await eventually(async () => (await refetchCart(shop, cart.id)).completed_at), "the cart was completed")
    const admin = await dashboard()
    const { orders } = await admin.admin.order.list({ fields: "id,payment_status,*payment_collections", limit: 50, order: "-created_at" })
    const order = orders.find((candidate) => candidate.payment_collections.some(({ id }) => id === collection.id))
    assert.ok(order, "an order pays with the cart's collection")
    assert.equal(order.payment_status, "authorized")
  })

  it("books the captures and refunds made on this service's admin routes on the order", async () => {
    const order = await paidOrder(routings.medusa)
    const [payment] = order.payment_collections[0].payments

    const captured = await serviceAdmin(`/admin/payments/${payment.id}/capture`, {})
    const afterCapture = await eventually(async () => (await adminOrder(order.id)).payment_status === "captured")
    const refunded = await serviceAdmin(`/admin/payments/${payment.id}/refund`, { amount: 10 })
    const afterRefund = await eventually(async () => (await adminOrder(order.id)).payment_status === "partially_refunded")

    assert.equal(captured.status, 200, await captured.text())
    assert.equal(refunded.status, 200, await refunded.text())
    assert.ok(afterCapture, "the capture reached the order")
    assert.ok(afterRefund, "the refund reached the order")
    const { order: page } = await (await dashboard()).admin.order.retrieve(order.id, { fields: "id,summary" })
    assert.equal(page.summary.paid_total, 25)
    assert.equal(page.summary.refunded_total, 10)
  })
})
