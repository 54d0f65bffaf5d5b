// A stock Medusa 2.21.2 application, API only, that adopts @payments-functions/medusa with exactly the two entries
// docs/medusa.md gives. scripts/medusa.sh writes the .env this reads. TypeScript, as Medusa's starter has it:
// `medusa build` compiles it into the built server, which reads it at start.
import { loadEnv, defineConfig } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS!,
      adminCors: process.env.ADMIN_CORS!,
      authCors: process.env.AUTH_CORS!,
      jwtSecret: process.env.JWT_SECRET!,
      cookieSecret: process.env.COOKIE_SECRET!,
    },
  },
  admin: { disable: true },
  plugins: [{ resolve: "@payments-functions/medusa",
              options: { url: process.env.PAYMENTS_FUNCTIONS_URL, apiKey: process.env.PAYMENTS_FUNCTIONS_API_KEY } }],
  modules: [{ key: "payment", resolve: "@payments-functions/medusa/modules/payment",
              options: { url: process.env.PAYMENTS_FUNCTIONS_URL, apiKey: process.env.PAYMENTS_FUNCTIONS_API_KEY } }],
})
