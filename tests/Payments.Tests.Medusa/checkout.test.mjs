// A shop's checkout and back office on a real Medusa whose Payment Module is Payments.Functions: carts become orders
// paid through this service, whichever side the storefront's payment calls go to, and Medusa's admin sees and moves
// that money (docs/medusa.md).
import assert from "node:assert/strict"
import { describe, it } from "node:test"
import {
  adminOrder,
  cartWithOneTee,
  dashboard,
  dashboardOrderFields,
  idOfOurs,
  paidOrder,
  registeredCustomer,
  routings,
  storefront,
  systemProvider,
} from "./support/stack.mjs"

for (const routing of Object.values(routings)) {
  describe(`checkout with payment calls ${routing.name}`, () => {
    it("completes a guest's cart into an order paid with this service's payment", async () => {
      const { shop, payments } = await storefront(routing)
      const cart = await cartWithOneTee(shop)

      const { payment_collection: collection } = await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })
      const completion = await shop.store.cart.complete(cart.id)

      assert.equal(completion.type, "order", JSON.stringify(completion.error))
      assert.match(collection.id, idOfOurs("pay_col_"))
      const order = await adminOrder(completion.order.id)
      assert.equal(order.payment_status, "authorized")
      assert.equal(order.payment_collections.length, 1)
      const [linked] = order.payment_collections
      assert.equal(linked.id, collection.id)
      assert.equal(linked.amount, 25)
      assert.equal(linked.status, "authorized")
      assert.equal(linked.payments.length, 1)
      assert.match(linked.payments[0].id, idOfOurs("pay_"))
      assert.equal(linked.payments[0].payment_session_id, collection.payment_sessions[0].id)
    })

    it("completes a logged-in customer's cart with the customer's context on the session", async () => {
      const { customer, token } = await registeredCustomer()
      const { shop, payments } = await storefront(routing, token)
      const cart = await cartWithOneTee(shop, customer.email)

      await payments.store.payment.initiatePaymentSession(cart, { provider_id: systemProvider })
      const completion = await shop.store.cart.complete(cart.id)

      assert.equal(completion.type, "order", JSON.stringify(completion.error))
      const order = await adminOrder(completion.order.id)
      assert.equal(order.customer_id, customer.id)
      // Medusa's store routes do not print a session's context; its admin order page does.
      const [session] = order.payment_collections[0].payment_sessions
      assert.equal(session.context.customer.id, customer.id)
      assert.equal(session.context.account_holder.provider_id, systemProvider)
    })

    it("lets the admin capture, partly refund and fully refund, and the order's payment_status follows", async () => {
      const order = await paidOrder(routing)
      const admin = await dashboard()
      const [payment] = order.payment_collections[0].payments

      await admin.admin.payment.capture(payment.id, {})
      assert.equal((await adminOrder(order.id)).payment_status, "captured")

      await admin.admin.payment.refund(payment.id, { amount: 10, note: "one sleeve too short" })
      const partlyRefunded = await adminOrder(order.id)
      assert.equal(partlyRefunded.payment_status, "partially_refunded")
      assert.equal(partlyRefunded.payment_collections[0].refunded_amount, 10)

      await admin.admin.payment.refund(payment.id, { amount: 15 })
      const refunded = await adminOrder(order.id)
      assert.equal(refunded.payment_status, "refunded")
      assert.deepEqual(refunded.payment_collections[0].payments[0].refunds.map((refund) => refund.amount).sort(), [10, 15])
      assert.ok(refunded.payment_collections[0].payments[0].refunds.every((refund) => idOfOurs("ref_").test(refund.id)))
    })

    it("shows the payment on the admin dashboard's order page", async () => {
      const order = await paidOrder(routing)
      const admin = await dashboard()

      const { order: page } = await admin.admin.order.retrieve(order.id, { fields: dashboardOrderFields })

      const [collection] = page.payment_collections
      assert.equal(collection.amount, 25)
      assert.equal(collection.payment_sessions.length, 1)
      assert.equal(collection.payment_sessions[0].status, "authorized")
      assert.equal(collection.payments[0].amount, 25)
      assert.equal(collection.payments[0].provider_id, systemProvider)
      assert.deepEqual(collection.payments[0].refunds, [])
      assert.equal(page.payment_status, "authorized")
    })
  })
}
