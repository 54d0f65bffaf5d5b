// Seeds Medusa through its admin API, with @medusajs/js-sdk as the admin dashboard would, and keeps what the
// end-to-end suite needs in a state file. Two phases, since each side needs something of the other:
//   keys     a secret API key (Payments.Functions' CommerceBackend:SecretKey), a sales channel, a publishable key
//   catalog  a USD region and a EUR one (iDEAL takes euros only), each with every provider Medusa's payment module
//            lists — ours, so Payments.Functions must answer — and a product priced in both
// Re-runs find what exists (a country belongs to one region only) and add what is missing.
//   node seed-medusa.mjs keys|catalog <state file>
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import Medusa from "@medusajs/js-sdk"

const [phase, stateFile] = process.argv.slice(2)
const medusaUrl = required("MEDUSA_URL")
const state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, "utf8")) : {}
const admin = new Medusa({ baseUrl: medusaUrl, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } })
await admin.auth.login("user", "emailpass", {
  email: required("MEDUSA_ADMIN_EMAIL"),
  password: required("MEDUSA_ADMIN_PASSWORD"),
})

const names = { salesChannel: "Payments.Functions e2e", publishableKey: "e2e storefront", secretKey: "Payments.Functions", product: "E2E Tee" }
const regions = [
  { stateKey: "regionId", name: "United States", currency_code: "usd", countries: ["us"] },
  { stateKey: "euroRegionId", name: "Netherlands", currency_code: "eur", countries: ["nl"] },
]
const prices = regions.map(({ currency_code }) => ({ currency_code, amount: 25 }))

if (phase === "keys") {
  const salesChannel = (await admin.admin.salesChannel.list({ name: names.salesChannel })).sales_channels[0]
    ?? (await admin.admin.salesChannel.create({ name: names.salesChannel })).sales_channel
  const publishableKey = (await admin.admin.apiKey.list({ type: "publishable", q: names.publishableKey })).api_keys
    .find((key) => key.title === names.publishableKey && !key.revoked_at)
    ?? (await admin.admin.apiKey.create({ title: names.publishableKey, type: "publishable" })).api_key
  await admin.admin.apiKey.batchSalesChannels(publishableKey.id, { add: [salesChannel.id] })
  // A secret key's token is shown once, at creation: a state file without one gets a new key.
  const secretKey = state.secretKey ?? (await admin.admin.apiKey.create({ title: names.secretKey, type: "secret" })).api_key.token
  Object.assign(state, {
    medusaUrl,
    jwtSecret: required("MEDUSA_JWT_SECRET"),
    moduleApiKey: required("PAYMENTS_FUNCTIONS_API_KEY"),
    admin: { email: process.env.MEDUSA_ADMIN_EMAIL, password: process.env.MEDUSA_ADMIN_PASSWORD },
    secretKey,
    publishableKey: publishableKey.token,
    salesChannelId: salesChannel.id,
  })
} else if (phase === "catalog") {
  const { payment_providers: providers } = await admin.admin.payment.listPaymentProviders({ limit: 100 })
  const providerIds = providers.map((provider) => provider.id)
  for (const { stateKey, name, ...created } of regions) {
    const existing = (await admin.admin.region.list({ q: name })).regions.find((region) => region.name === name)
    const { region } = existing
      ? await admin.admin.region.update(existing.id, { payment_providers: providerIds })
      : await admin.admin.region.create({ name, ...created, payment_providers: providerIds })
    state[stateKey] = region.id
  }
  const existingProduct = (await admin.admin.product.list({ title: names.product, fields: "id,*variants,*variants.prices,shipping_profile.id" })).products[0]
  // A product seeded before a region was added lacks that region's price.
  const [variant] = existingProduct?.variants ?? []
  if (variant && variant.prices.length < prices.length) await admin.admin.product.updateVariant(existingProduct.id, variant.id, { prices })
  // The tee needs no shipping, so a cart completes without a shipping method; Medusa's migration script
  // migrate-product-shipping-profile gives a product made before it ran the default profile, which would.
  if (existingProduct?.shipping_profile) await admin.admin.product.update(existingProduct.id, { shipping_profile_id: null })
  const product = existingProduct
    ?? (await admin.admin.product.create({
      title: names.product,
      status: "published",
      options: [{ title: "Size", values: ["M"] }],
      sales_channels: [{ id: state.salesChannelId }],
      variants: [{
        title: "E2E Tee M",
        manage_inventory: false,
        options: { Size: "M" },
        prices,
      }],
    })).product
  Object.assign(state, { providerIds, variantId: product.variants[0].id })
} else {
  throw new Error("usage: node seed-medusa.mjs keys|catalog <state file>")
}

writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 })
console.log(`seeded ${phase} -> ${stateFile}`)

function required(name) {
  const value = process.env[name]
  if (!value) throw new Error(`seed-medusa.mjs needs ${name}`)
  return value
}
