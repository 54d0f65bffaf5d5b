import { defineMiddlewares } from "@medusajs/framework/http"

export default defineMiddlewares({
  routes: [
    {
      // The signature is over the bytes Payments.Functions sent.
      matcher: "/hooks/payments-functions",
      method: ["POST"],
      bodyParser: { preserveRawBody: true },
    },
  ],
})
