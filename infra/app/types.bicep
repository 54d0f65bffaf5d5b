metadata description = 'Types shared by the modules of this deployment.'

@export()
@description('Resource tags: string values by tag name.')
type resourceTags = {
  *: string
}

@export()
@description('An app setting whose value is the Key Vault secret of that name.')
type vaultedSetting = {
  @description('The app setting, e.g. AdminAuth__JwtSecret.')
  setting: string

  @description('The name of the secret in the vault.')
  secretName: string
}

@export()
@description('The Stripe options a deployment may set besides its secrets; the app\'s README lists their meaning and defaults.')
type stripeOptions = {
  @description('Stripe__Capture: pp_stripe_stripe captures at authorization instead of on the admin\'s capture.')
  capture: bool?

  @description('Stripe__AutomaticPaymentMethods: Stripe chooses the payment methods when none are named.')
  automaticPaymentMethods: bool?

  @description('Stripe__PaymentDescription: the PaymentIntent description when the session data gives none.')
  paymentDescription: string?

  @description('Stripe__PaymentMethodConfiguration: a payment method configuration (pmc_…) sent when no payment method types are named.')
  paymentMethodConfiguration: string?

  @description('Stripe__AsyncPaymentMethodTypes: comma-separated payment method types, beyond the built-in ones, that settle after checkout.')
  asyncPaymentMethodTypes: string?

  @description('Stripe__OxxoExpiresDays: days before an OXXO voucher expires, 1 to 7.')
  @minValue(1)
  @maxValue(7)
  oxxoExpiresDays: int?

  @description('Stripe__ApiBase: a Stripe-compatible server instead of Stripe (staging with stripe-mock); never with a live key.')
  apiBase: string?
}
