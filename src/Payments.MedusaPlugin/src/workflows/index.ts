export * from "./link-cart-payment-collection"
export * from "./record-payment-moves"
