import { MedusaError } from "@medusajs/framework/utils"

/** What Payments.Functions tells Medusa (docs/module-api.md, "Events"). */
export type PaymentsFunctionsEvent =
  | Envelope<"payment_collection.created", { payment_collection_id: string; cart_id: string }>
  | Envelope<
      "payment_session.authorized",
      {
        payment_session_id: string
        payment_collection_id: string
        status: "authorized" | "captured"
        amount: number
      }
    >
  | Envelope<"payment.captured", { payment_id: string; payment_collection_id: string; capture_ids: string[] }>
  | Envelope<"payment.refunded", { payment_id: string; payment_collection_id: string; refund_ids: string[] }>

type Envelope<Type extends string, Data> = { id: string; type: Type; created_at: string; data: Data }

export type PaymentsFunctionsEventType = PaymentsFunctionsEvent["type"]

const requiredData: Record<PaymentsFunctionsEventType, string[]> = {
  "payment_collection.created": ["payment_collection_id", "cart_id"],
  "payment_session.authorized": ["payment_session_id", "payment_collection_id", "status"],
  "payment.captured": ["payment_id", "payment_collection_id", "capture_ids"],
  "payment.refunded": ["payment_id", "payment_collection_id", "refund_ids"],
}

const isKnownEventType = (type: string): type is PaymentsFunctionsEventType => type in requiredData

/** The envelope checked once, so the handlers can trust its fields. */
export function parseEvent(body: unknown): PaymentsFunctionsEvent | { id: string; type: string } {
  const event = body as Partial<PaymentsFunctionsEvent> | undefined
  if (typeof event?.id !== "string" || typeof event.type !== "string") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "An event needs a string id and type")
  }
  if (!isKnownEventType(event.type)) {
    return { id: event.id, type: event.type }
  }
  const data = (event.data ?? {}) as Record<string, unknown>
  const missing = requiredData[event.type].filter((field) => data[field] === undefined)
  if (missing.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Event ${event.id} (${event.type}) lacks data.${missing.join(", data.")}`)
  }
  return event as PaymentsFunctionsEvent
}
