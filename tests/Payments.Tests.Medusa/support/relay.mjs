// The network between Medusa's module and Payments.Functions, under the suite's control: it relays every request and
// answer, and on the suite's word refuses every request (the service is down) or relays a request and then drops the
// connection instead of the answer (the service moved, the module never heard). It records what it relayed, so a test
// can see the module's retries and the Idempotency-Key they carried.
//   node relay.mjs <port> <service url> <control port>
// Control: PUT /faults {"down": bool, "loseAnswers": {"<path regex>": <how many>}}; DELETE /requests answers those
// relayed since the last time.
import http from "node:http"

const [port, serviceUrl, controlPort] = process.argv.slice(2)
let faults = { down: false, loseAnswers: {} }
let relayed = []

const takeLostAnswer = (path) => {
  const pattern = Object.keys(faults.loseAnswers).find((source) => faults.loseAnswers[source] > 0 && new RegExp(source).test(path))
  if (pattern === undefined) return false
  faults.loseAnswers[pattern] -= 1
  return true
}

http.createServer((request, response) => {
  if (faults.down) {
    request.socket.destroy()
    return
  }
  const loseAnswer = takeLostAnswer(request.url)
  relayed.push({ method: request.method, path: request.url, idempotencyKey: request.headers["idempotency-key"] ?? null, answerLost: loseAnswer })
  const upstream = http.request(new URL(request.url, serviceUrl), { method: request.method, headers: request.headers }, (answer) => {
    if (loseAnswer) {
      answer.resume().on("end", () => request.socket.destroy())
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
    faults = { down: false, loseAnswers: {}, ...(await readJson(request)) }
  } else if (request.method === "DELETE" && request.url === "/requests") {
    ;[answer, relayed] = [relayed, []]
  } else {
    response.writeHead(404).end()
    return
  }
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer))
}).listen(Number(controlPort), "127.0.0.1")
