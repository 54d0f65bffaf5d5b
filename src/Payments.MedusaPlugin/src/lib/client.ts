import { randomUUID } from "node:crypto"
import { MedusaError } from "@medusajs/framework/utils"
import { PaymentsFunctionsOptions } from "./options"

export type Fetch = typeof fetch

type Logger = { warn(message: string): void; error(message: string): void }

type RetryPolicy = { attempts: number; firstDelayMs: number; attemptTimeoutMs: number }

const defaultRetryPolicy: RetryPolicy = { attempts: 3, firstDelayMs: 200, attemptTimeoutMs: 15_000 }

/** Statuses after which the same request may be sent again: Payments.Functions wrote nothing, or the key replays. */
const retryableStatuses = new Set([409, 502, 503, 504])

const unavailable = "The payment service is unavailable, try again"

/**
 * The one way this plugin calls Payments.Functions. Every call is safe to repeat: reads change nothing, and each
 * write carries an `Idempotency-Key` made once per call and kept across its attempts, so a retry after a lost answer
 * replays the first outcome instead of moving money twice. Failures become `MedusaError`s of the type
 * Payments.Functions answered, so Medusa's routes answer with the status Medusa's own module would cause.
 */
export class PaymentsFunctionsClient {
  constructor(
    private readonly options: PaymentsFunctionsOptions,
    private readonly logger: Logger,
    private readonly fetchImpl: Fetch = fetch,
    private readonly retry: RetryPolicy = defaultRetryPolicy
  ) {}

  read<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>("POST", path, body, {})
  }

  write<T>(method: "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
    return this.send<T>(method, path, body, { "idempotency-key": `medusa-${randomUUID()}` })
  }

  /** Forwards a request as it arrived (a provider webhook): the raw body and the headers its signature needs. */
  forward(path: string, rawBody: string | Uint8Array, headers: Record<string, string>): Promise<unknown> {
    return this.attempts("POST", path, () => ({ body: rawBody as RequestInit["body"], headers }))
  }

  private send<T>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<T> {
    const json = body === undefined ? undefined : JSON.stringify(body)
    return this.attempts(method, path, () => ({
      body: json,
      headers: {
        ...headers,
        authorization: `Bearer ${this.options.apiKey}`,
        ...(json === undefined ? {} : { "content-type": "application/json" }),
      },
    })) as Promise<T>
  }

  private async attempts(
    method: string,
    path: string,
    request: () => { body?: RequestInit["body"]; headers: Record<string, string> }
  ): Promise<unknown> {
    const url = `${this.options.url}${path}`
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(method, url, request())
      if (outcome.kind === "answer") {
        return outcome.body
      }
      if (outcome.kind === "refused" || attempt >= this.retry.attempts) {
        this.logger.error(`Payments.Functions ${method} ${path} failed after ${attempt} attempt(s): ${outcome.reason}`)
        throw outcome.error
      }
      this.logger.warn(`Payments.Functions ${method} ${path} attempt ${attempt} failed (${outcome.reason}); retrying`)
      await delay(this.retry.firstDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()))
    }
  }

  private async attempt(
    method: string,
    url: string,
    { body, headers }: { body?: RequestInit["body"]; headers: Record<string, string> }
  ): Promise<Outcome> {
    let response: Response
    let text: string
    // An answer cut off or timed out while its body arrives is lost like one never sent: the retry replays it.
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.retry.attemptTimeoutMs),
      })
      text = await response.text()
      if (response.ok) {
        return { kind: "answer", body: text ? JSON.parse(text) : undefined }
      }
    } catch (error) {
      return retryable(`no answer: ${(error as Error).message}`, new MedusaError(MedusaError.Types.UNEXPECTED_STATE, unavailable))
    }
    const error = errorFromAnswer(response.status, text)
    const reason = `${response.status} ${text.slice(0, 300)}`
    return retryableStatuses.has(response.status) ? retryable(reason, error) : { kind: "refused", reason, error }
  }
}

type Outcome =
  | { kind: "answer"; body: unknown }
  | { kind: "retryable" | "refused"; reason: string; error: MedusaError }

const retryable = (reason: string, error: MedusaError): Outcome => ({ kind: "retryable", reason, error })

const medusaErrorTypes = new Set<string>(Object.values(MedusaError.Types))

/**
 * Payments.Functions answers errors in Medusa's envelope (`{type, message, code?}`); its type becomes the thrown
 * `MedusaError`'s. A refused module key is this Medusa's configuration, not the shopper's request, so it is not
 * passed on as a 401.
 */
export function errorFromAnswer(status: number, text: string): MedusaError {
  if (status === 401) {
    return new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      "Payments.Functions refused this Medusa's module API key: PAYMENTS_FUNCTIONS_API_KEY must equal its CommerceBackend:ModuleApiKey"
    )
  }
  const body = parseJson(text)
  const unreachable = status === 502 || status === 503 || status === 504
  if (unreachable || typeof body?.type !== "string" || !medusaErrorTypes.has(body.type)) {
    return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, unavailable)
  }
  return new MedusaError(body.type, String(body.message ?? ""), body.code)
}

function parseJson(text: string): { type?: unknown; message?: unknown; code?: string } | undefined {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
