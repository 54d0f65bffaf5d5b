// The network between Medusa's module and Payments.Functions, under the suite's control: it relays every request and
// answer, and on the suite's word refuses every request (the service is down) or relays a request and then drops the
// connection instead of the answer (the service moved, the module never heard), or after the answer's headers and
// part of its body (the answer broke off). It records what it relayed, so a test can see the module's retries and the
// Idempotency-Key they carried.
//   node relay.mjs <port> <service url> <control port>
// Control: PUT /faults {"down": bool, "loseAnswers": {"<path regex>": <how many>}, "breakAnswers": {...alike}};
// GET /faults answers them (and that the relay is up); DELETE /requests answers those relayed since the last time.
import http from "node:http"

const [port, serviceUrl, controlPort] = process.argv.slice(2)
const healthy = { down: false, loseAnswers: {}, breakAnswers: {} }
let faults = healthy
let relayed = []

const takeFault = (counts, path) => {
  const pattern = Object.keys(counts).find((source) => counts[source] > 0 && new RegExp(source).test(path))
  if (pattern === undefined) return false
  counts[pattern] -= 1
  return true
}

http.createServer((request, response) => {
  if (faults.down) {
    request.socket.destroy()
    return
  }
  const loseAnswer = takeFault(faults.loseAnswers, request.url)
  const breakAnswer = !loseAnswer && takeFault(faults.breakAnswers, request.url)
  relayed.push({ method: request.method, path: request.url, idempotencyKey: request.headers["idempotency-key"] ?? null, answerLost: loseAnswer || breakAnswer })
  const upstream = http.request(new URL(request.url, serviceUrl), { method: request.method, headers: request.headers }, async (answer) => {
    if (loseAnswer) {
      answer.resume().on("end", () => request.socket.destroy())
      return
    }
    if (breakAnswer) {
      const chunks = []
      for await (const chunk of answer) chunks.push(chunk)
      const body = Buffer.concat(chunks)
      response.writeHead(answer.statusCode, answer.headers)
      response.write(body.subarray(0, body.length >> 1), () => request.socket.destroy())
      return
    }
    response.writeHead(answer.statusCode, answer.headers)
    answer.pipe(response)
  })
  upstream.on("error", () => request.socket.destroy())
  request.pipe(upstream)
}).listen(Number(port), "127.0.0.1")

const readJson = async (request) => {
  let body = ""
  for await (const chunk of request) body += chunk
  return JSON.parse(body || "{}")
}

http.createServer(async (request, response) => {
  let answer = {}
  if (request.method === "PUT" && request.url === "/faults") {
    faults = { ...healthy, ...(await readJson(request)) }
  } else if (request.method === "GET" && request.url === "/faults") {
    answer = faults
  } else if (request.method === "DELETE" && request.url === "/requests") {
    ;[answer, relayed] = [relayed, []]
  } else {
    response.writeHead(404).end()
    return
  }
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer))
}).listen(Number(controlPort), "127.0.0.1")
