import {
  AccountHolderDTO,
  CreateAccountHolderDTO,
  CreateCaptureDTO,
  CreatePaymentCollectionDTO,
  CreatePaymentSessionDTO,
  CreateRefundDTO,
  CreateRefundReasonDTO,
  FilterablePaymentCollectionProps,
  FindConfig,
  IPaymentModuleService,
  Logger,
  ModuleJoinerConfig,
  PaymentCollectionDTO,
  PaymentCollectionUpdatableFields,
  PaymentDTO,
  PaymentSessionDTO,
  ProviderWebhookPayload,
  RefundReasonDTO,
  UpdateRefundReasonDTO,
  UpsertPaymentCollectionDTO,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { MedusaError, PaymentActions, pluralize, promiseAll, upperCaseFirst } from "@medusajs/framework/utils"
import { PaymentsFunctionsClient } from "../../lib/client"
import { PaymentsFunctionsOptions, readOptions } from "../../lib/options"
import { toMedusaEntity, toQueryRequest } from "./entities"
import { paymentJoinerConfig } from "./joiner-config"

/**
 * The entities Medusa reads through the Payment Module, by joiner entity name and the name of Payments.Functions'
 * query route. `query.graph` and the link modules call `list<Plural>` or, when paginating, `listAndCount<Plural>`;
 * core steps also call `retrieve<Entity>`. Those methods are made for each entity below, as `MedusaService` makes
 * them for Medusa's own module.
 */
const queryableEntities = {
  PaymentCollection: "payment_collection",
  PaymentSession: "payment_session",
  Payment: "payment",
  Capture: "capture",
  Refund: "refund",
  RefundReason: "refund_reason",
  PaymentProvider: "payment_provider",
  AccountHolder: "account_holder",
  PaymentMethod: "payment_method",
} as const

type Entity = keyof typeof queryableEntities
type Filters = Record<string, unknown>
type Config = FindConfig<any>
type Query = (filters?: Filters, config?: Config) => Promise<any[]>
type QueryAndCount = (filters?: Filters, config?: Config) => Promise<[any[], number]>
type Retrieve = (id: string, config?: Config) => Promise<any>

type One<T> = T | T[]
const asList = <T>(input: One<T>): T[] => (Array.isArray(input) ? input : [input])
const likeInput = <T>(input: One<unknown>, results: T[]): One<T> => (Array.isArray(input) ? results : results[0])

const path = encodeURIComponent

/**
 * Medusa's Payment Module, kept by Payments.Functions. It holds no payment data: every method is one or a few calls
 * to the service's module routes (docs/module-api.md), answered with the entities Medusa's own module returns.
 */
export default class PaymentsFunctionsPaymentModuleService
  implements
    Pick<
      IPaymentModuleService,
      | "createPaymentCollections"
      | "updatePaymentCollections"
      | "upsertPaymentCollections"
      | "deletePaymentCollections"
      | "createPaymentSession"
      | "deletePaymentSession"
      | "authorizePaymentSession"
      | "capturePayment"
      | "refundPayment"
      | "cancelPayment"
      | "createRefundReasons"
      | "updateRefundReasons"
      | "deleteRefundReasons"
      | "createAccountHolder"
      | "deleteAccountHolder"
      | "getWebhookActionAndData"
    >
{
  protected readonly client_: PaymentsFunctionsClient

  static {
    const prototype = this.prototype as unknown as Record<string, Query | QueryAndCount | Retrieve>
    for (const entity of Object.keys(queryableEntities) as Entity[]) {
      const plural = upperCaseFirst(pluralize(entity))
      prototype[`list${plural}`] = async function (this: PaymentsFunctionsPaymentModuleService, filters?: Filters, config?: Config) {
        return (await this.query_(entity, filters, config)).data
      }
      prototype[`listAndCount${plural}`] = async function (this: PaymentsFunctionsPaymentModuleService, filters?: Filters, config?: Config) {
        const { data, count } = await this.query_(entity, filters, config, true)
        return [data, count]
      }
      prototype[`retrieve${entity}`] = async function (this: PaymentsFunctionsPaymentModuleService, id: string, config?: Config) {
        const [found] = (await this.query_(entity, { id }, { ...config, take: 1 })).data
        if (!found) {
          throw new MedusaError(MedusaError.Types.NOT_FOUND, `${entity} with id: ${id} was not found`)
        }
        return found
      }
    }
  }

  constructor({ logger }: { logger: Logger }, options: Partial<PaymentsFunctionsOptions>) {
    this.client_ = new PaymentsFunctionsClient(readOptions(options), logger)
  }

  __joinerConfig(): ModuleJoinerConfig {
    return paymentJoinerConfig()
  }

  protected async query_(entity: Entity, filters?: Filters, config?: Config, count = false) {
    const answer = await this.client_.read<{ data: unknown[]; count: number }>(
      `/module/query/${queryableEntities[entity]}`,
      toQueryRequest(filters, config, count)
    )
    return { data: toMedusaEntity<any[]>(answer.data), count: answer.count }
  }

  async createPaymentCollections(data: CreatePaymentCollectionDTO): Promise<PaymentCollectionDTO>
  async createPaymentCollections(data: CreatePaymentCollectionDTO[]): Promise<PaymentCollectionDTO[]>
  async createPaymentCollections(data: One<CreatePaymentCollectionDTO>): Promise<One<PaymentCollectionDTO>> {
    const { payment_collections } = await this.client_.write<{ payment_collections: unknown[] }>(
      "POST",
      "/module/payment-collections",
      { payment_collections: asList(data) }
    )
    return likeInput(data, toMedusaEntity<PaymentCollectionDTO[]>(payment_collections))
  }

  async updatePaymentCollections(id: string, data: PaymentCollectionUpdatableFields): Promise<PaymentCollectionDTO>
  async updatePaymentCollections(
    selector: FilterablePaymentCollectionProps,
    data: PaymentCollectionUpdatableFields
  ): Promise<PaymentCollectionDTO[]>
  async updatePaymentCollections(
    idOrSelector: string | FilterablePaymentCollectionProps,
    data: PaymentCollectionUpdatableFields
  ): Promise<One<PaymentCollectionDTO>> {
    if (typeof idOrSelector === "string") {
      return this.updatePaymentCollection_(idOrSelector, data)
    }
    const { data: collections } = await this.query_("PaymentCollection", idOrSelector as Record<string, unknown>, {
      select: ["id"],
    })
    return promiseAll(collections.map(({ id }) => this.updatePaymentCollection_(id, data)))
  }

  async upsertPaymentCollections(data: UpsertPaymentCollectionDTO): Promise<PaymentCollectionDTO>
  async upsertPaymentCollections(data: UpsertPaymentCollectionDTO[]): Promise<PaymentCollectionDTO[]>
  async upsertPaymentCollections(data: One<UpsertPaymentCollectionDTO>): Promise<One<PaymentCollectionDTO>> {
    const results = await promiseAll(
      asList(data).map(({ id, ...fields }) =>
        id
          ? this.updatePaymentCollection_(id, fields)
          : this.createPaymentCollections(fields as CreatePaymentCollectionDTO)
      )
    )
    return likeInput(data, results)
  }

  protected async updatePaymentCollection_(id: string, data: PaymentCollectionUpdatableFields) {
    const { payment_collection } = await this.client_.write<{ payment_collection: unknown }>(
      "POST",
      `/module/payment-collections/${path(id)}`,
      data
    )
    return toMedusaEntity<PaymentCollectionDTO>(payment_collection)
  }

  async deletePaymentCollections(ids: One<string>): Promise<void> {
    await promiseAll(
      asList(ids).map((id) => this.client_.write("DELETE", `/module/payment-collections/${path(id)}`))
    )
  }

  /** Link cascades (an order deleted with its collections) delete through this name; Medusa's deletion is soft too. */
  async softDeletePaymentCollections(
    selector: One<string> | { id: One<string> }
  ): Promise<Record<string, string[]>> {
    const ids = asList(typeof selector === "object" && !Array.isArray(selector) ? selector.id : selector)
    await this.deletePaymentCollections(ids)
    return { payment_collection_id: ids }
  }

  async createPaymentSession(paymentCollectionId: string, data: CreatePaymentSessionDTO): Promise<PaymentSessionDTO> {
    const { payment_session } = await this.client_.write<{ payment_session: unknown }>(
      "POST",
      `/module/payment-collections/${path(paymentCollectionId)}/payment-sessions`,
      data
    )
    return toMedusaEntity<PaymentSessionDTO>(payment_session)
  }

  async deletePaymentSession(id: string): Promise<void> {
    await this.client_.write("DELETE", `/module/payment-sessions/${path(id)}`)
  }

  async authorizePaymentSession(id: string, context: Record<string, unknown>): Promise<PaymentDTO | null> {
    const { payment } = await this.client_.write<{ payment: unknown | null }>(
      "POST",
      `/module/payment-sessions/${path(id)}/authorize`,
      { context }
    )
    return payment ? toMedusaEntity<PaymentDTO>(payment) : null
  }

  async capturePayment({ payment_id, ...capture }: CreateCaptureDTO): Promise<PaymentDTO> {
    return this.movePayment_(payment_id, "capture", capture)
  }

  async refundPayment({ payment_id, ...refund }: CreateRefundDTO): Promise<PaymentDTO> {
    return this.movePayment_(payment_id, "refund", refund)
  }

  async cancelPayment(paymentId: string): Promise<PaymentDTO> {
    return this.movePayment_(paymentId, "cancel", {})
  }

  protected async movePayment_(paymentId: string, move: "capture" | "refund" | "cancel", body: object) {
    const { payment } = await this.client_.write<{ payment: unknown }>(
      "POST",
      `/module/payments/${path(paymentId)}/${move}`,
      body
    )
    return toMedusaEntity<PaymentDTO>(payment)
  }

  async createRefundReasons(data: CreateRefundReasonDTO): Promise<RefundReasonDTO>
  async createRefundReasons(data: CreateRefundReasonDTO[]): Promise<RefundReasonDTO[]>
  async createRefundReasons(data: One<CreateRefundReasonDTO>): Promise<One<RefundReasonDTO>> {
    const { refund_reasons } = await this.client_.write<{ refund_reasons: unknown[] }>(
      "POST",
      "/module/refund-reasons",
      { refund_reasons: asList(data) }
    )
    return likeInput(data, toMedusaEntity<RefundReasonDTO[]>(refund_reasons))
  }

  async updateRefundReasons(data: UpdateRefundReasonDTO): Promise<RefundReasonDTO>
  async updateRefundReasons(data: UpdateRefundReasonDTO[]): Promise<RefundReasonDTO[]>
  async updateRefundReasons(data: One<UpdateRefundReasonDTO>): Promise<One<RefundReasonDTO>> {
    const results = await promiseAll(
      asList(data).map(async ({ id, ...fields }) => {
        const { refund_reason } = await this.client_.write<{ refund_reason: unknown }>(
          "POST",
          `/module/refund-reasons/${path(id)}`,
          fields
        )
        return toMedusaEntity<RefundReasonDTO>(refund_reason)
      })
    )
    return likeInput(data, results)
  }

  /** Refund reasons are deleted softly here whichever name Medusa calls: deleted reasons still label old refunds. */
  async deleteRefundReasons(ids: One<string>): Promise<void> {
    await promiseAll(asList(ids).map((id) => this.client_.write("DELETE", `/module/refund-reasons/${path(id)}`)))
  }

  async softDeleteRefundReasons(ids: One<string>): Promise<void> {
    await this.deleteRefundReasons(ids)
  }

  async restoreRefundReasons(ids: One<string>): Promise<void> {
    await promiseAll(
      asList(ids).map((id) => this.client_.write("POST", `/module/refund-reasons/${path(id)}/restore`))
    )
  }

  /** As Medusa's module: an account holder already known from the context is returned without a call. */
  async createAccountHolder(input: CreateAccountHolderDTO): Promise<AccountHolderDTO> {
    if (input.context?.account_holder) {
      return input.context.account_holder as AccountHolderDTO
    }
    const { account_holder } = await this.client_.write<{ account_holder: unknown | null }>(
      "POST",
      "/module/account-holders",
      input
    )
    return toMedusaEntity<AccountHolderDTO>(account_holder ?? undefined)
  }

  async deleteAccountHolder(id: string): Promise<void> {
    await this.client_.write("DELETE", `/module/account-holders/${path(id)}`)
  }

  /**
   * A provider webhook sent to Medusa's `/hooks/payment/{provider}` instead of to Payments.Functions is passed on
   * there as it arrived, signature included. Payments.Functions applies it and tells Medusa what changed through
   * its events, so Medusa's own webhook subscriber is given nothing to do.
   */
  async getWebhookActionAndData({ provider, payload }: ProviderWebhookPayload): Promise<WebhookActionResult> {
    const signatureHeaders = Object.fromEntries(
      Object.entries(payload.headers)
        .filter(([name]) => name.toLowerCase().endsWith("signature") || name.toLowerCase() === "content-type")
        .map(([name, value]) => [name, String(value)])
    )
    // Medusa's route passes the URL's name as it came, and Medusa's own module takes `pp_stripe_stripe` there too.
    await this.client_.forward(
      `/hooks/payment/${path(provider.replace(/^pp_/, ""))}`,
      payload.rawData,
      signatureHeaders
    )
    return { action: PaymentActions.NOT_SUPPORTED }
  }
}
