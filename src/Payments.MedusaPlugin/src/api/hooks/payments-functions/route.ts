import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { handleEvent } from "../../../lib/event-handlers"
import { parseEvent } from "../../../lib/events"
import { pluginOptions } from "../../../lib/options"
import { signatureHeader, verifySignature } from "../../../lib/signature"

/**
 * Where Payments.Functions delivers its events (docs/module-api.md, "Events"): at least once, so every handler is
 * idempotent. Anything but a 2xx makes the service deliver the event again.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const { apiKey } = pluginOptions(req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE))
  const verdict = verifySignature(
    req.get(signatureHeader),
    req.rawBody ?? Buffer.alloc(0),
    apiKey,
    Math.floor(Date.now() / 1000)
  )
  if (!verdict.valid) {
    throw new MedusaError(MedusaError.Types.UNAUTHORIZED, verdict.reason)
  }
  res.json(await handleEvent(req.scope, parseEvent(req.body)))
}
