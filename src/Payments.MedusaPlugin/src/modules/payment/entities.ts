import { FindConfig } from "@medusajs/framework/types"

/**
 * Payments.Functions answers entities in the JSON of Medusa's HTTP API: amounts as numbers with `raw_*`
 * companions (`{value, precision}`), which is what Medusa's own module hands its callers, and timestamps as ISO
 * strings, which Medusa's module hands out as `Date`s. Callers compare and format those dates, so they are revived.
 */
export function toMedusaEntity<T>(value: unknown): T {
  return revive(value) as T
}

function revive(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => revive(item))
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, revive(field, name)]))
  }
  if (typeof value === "string" && key.endsWith("_at")) {
    return new Date(value)
  }
  return value
}

/** How a list is asked for: Medusa's filters and `FindConfig`, in the body of `POST /module/query/{entity}`. */
export type QueryRequest = {
  filters: Record<string, unknown>
  relations: string[]
  select?: string[]
  skip?: number | null
  take?: number | null
  order?: Record<string, unknown>
  with_deleted?: boolean
  count: boolean
}

/**
 * Medusa's module loads a relation when a caller selects one of its fields (`select: ["payment_collection.id"]`)
 * as well as when it names it in `relations`; the service is told every relation either way.
 */
export function toQueryRequest(
  filters: Record<string, unknown> | undefined,
  config: FindConfig<unknown> | undefined,
  count: boolean
): QueryRequest {
  const select = (config?.select as string[] | undefined)?.map(String)
  const selectedRelations = (select ?? [])
    .filter((field) => field.includes("."))
    .flatMap((field) => ancestors(field.slice(0, field.lastIndexOf("."))))
  return {
    filters: filters ?? {},
    relations: [...new Set([...(config?.relations ?? []).map(String), ...selectedRelations])].sort(),
    ...(select ? { select } : {}),
    ...(config?.skip !== undefined ? { skip: config.skip } : {}),
    ...(config?.take !== undefined ? { take: config.take } : {}),
    ...(config?.order ? { order: config.order as Record<string, unknown> } : {}),
    ...(config?.withDeleted ? { with_deleted: true } : {}),
    count,
  }
}

/** "payments.captures" names both "payments" and "payments.captures". */
function ancestors(path: string): string[] {
  const parts = path.split(".")
  return parts.map((_, index) => parts.slice(0, index + 1).join("."))
}
