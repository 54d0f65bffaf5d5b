import { MedusaError } from "@medusajs/framework/utils"

/**
 * What both `medusa-config` entries (the plugin's and the payment module's) are given: where Payments.Functions
 * answers and the key its module routes and its signed events share (`CommerceBackend:ModuleApiKey` there).
 */
export type PaymentsFunctionsOptions = {
  url: string
  apiKey: string
}

export const packageName = "@payments-functions/medusa"

/** Start-up fails with one clear line when either option is missing, rather than on the first checkout. */
export function readOptions(options: Partial<PaymentsFunctionsOptions> | undefined): PaymentsFunctionsOptions {
  const missing = [
    ["url", "PAYMENTS_FUNCTIONS_URL"],
    ["apiKey", "PAYMENTS_FUNCTIONS_API_KEY"],
  ].filter(([name]) => !options?.[name as keyof PaymentsFunctionsOptions])
  if (missing.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_ARGUMENT,
      `${packageName}: set ${missing.map(([name, variable]) => `options.${name} (${variable})`).join(" and ")} in medusa-config`
    )
  }
  return { url: options!.url!.replace(/\/+$/, ""), apiKey: options!.apiKey! }
}

type ConfigModule = { plugins?: (string | { resolve: string; options?: Record<string, unknown> })[] }

/** The options of this package's `plugins` entry, for the parts of the plugin that are not the module. */
export function pluginOptions(configModule: ConfigModule): PaymentsFunctionsOptions {
  const entry = configModule.plugins?.find(
    (plugin) => typeof plugin !== "string" && plugin.resolve === packageName
  )
  return readOptions(typeof entry === "string" ? undefined : (entry?.options as Partial<PaymentsFunctionsOptions>))
}
