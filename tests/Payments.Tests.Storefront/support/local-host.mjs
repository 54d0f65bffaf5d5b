// Starts what the suite talks to: the Release build of Payments.LocalHost on a loopback port the OS picks, on tables
// of its own (a fresh PaymentsStorage:TablePrefix), loaded with the suite's seed file. Tables live in the Azurite
// named by PAYMENTS_TEST_TABLES_CONNECTION (the one scripts/test.sh runs for every suite); without it the suite runs
// an Azurite of its own from the repository's pinned npm package. Everything started here is stopped by stop(), and
// killed if this process exits first, so a run leaves nothing behind.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
const hostAssembly = path.join(repositoryRoot, "src/Payments.LocalHost/bin/Release/net10.0/Payments.LocalHost.dll");
const azuriteTable = path.join(repositoryRoot, "node_modules/.bin/azurite-table");
const startupTimeoutMs = 90_000;

// Azurite's well-known development account (public, documented by Microsoft; not a secret).
const azuriteAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/**
 * @param {{ seedFile: string, jwtSecret: string, storeOrigin: string, adminOrigin: string }} options
 * @returns {Promise<{ baseUrl: string, log: () => string, stop: () => Promise<void> }>}
 */
export async function startLocalHost({ seedFile, jwtSecret, storeOrigin, adminOrigin }) {
  if (!existsSync(hostAssembly)) {
    throw new Error(`${hostAssembly} is missing: build it first (dotnet build src/Payments.LocalHost -c Release).`);
  }

  const started = [];
  try {
    const tables = process.env.PAYMENTS_TEST_TABLES_CONNECTION || (await startAzurite(started));
    const host = track(started, spawnLogged("dotnet", [
      hostAssembly,
      "--urls", "http://127.0.0.1:0",
      "--seed", seedFile,
      "--PaymentsStorage:TablePrefix", "sdk" + randomBytes(8).toString("hex"),
      "--Logging:LogLevel:Default", "Warning",
      "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information",
    ], {
      // Credentials through the environment, not the command line that any process listing shows.
      PaymentsStorage__ConnectionString: tables,
      AdminAuth__JwtSecret: jwtSecret,
      Cors__StoreOrigins: storeOrigin,
      Cors__AdminOrigins: adminOrigin,
    }));
    const [, baseUrl] = await host.waitFor(/Now listening on: (http:\/\/127\.0\.0\.1:\d+)/, "Payments.LocalHost");
    return { baseUrl, log: () => host.output(), stop: () => stopAll(started) };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

/** The port is probed free and then taken by Azurite, so another process can win it in between: then try again. */
async function startAzurite(started, attempts = 3) {
  const port = await freeLoopbackPort();
  const azurite = track(started, spawnLogged(azuriteTable, [
    "--inMemoryPersistence", "--disableTelemetry", "--silent",
    "--tableHost", "127.0.0.1", "--tablePort", String(port),
  ]));
  try {
    await azurite.waitUntil(() => answers(port), "azurite-table");
  } catch (error) {
    if (attempts <= 1 || azurite.child.exitCode === null) throw error;
    return startAzurite(started, attempts - 1);
  }
  return `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${azuriteAccountKey};TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;
}

function spawnLogged(command, args, environment = {}) {
  const child = spawn(command, args, {
    cwd: os.tmpdir(),
    env: { ...process.env, ...environment },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const collect = (chunk) => { output += chunk; };
  child.stdout.setEncoding("utf8").on("data", collect);
  child.stderr.setEncoding("utf8").on("data", collect);

  const failure = (name, reason) => new Error(`${name} ${reason}; its output:\n${output}`);
  return {
    child,
    exited,
    output: () => output,
    /** Resolves with the first match of pattern in the output; rejects when the process exits or time runs out. */
    waitFor(pattern, name) {
      return this.waitUntil(async () => output.match(pattern), name);
    },
    async waitUntil(ready, name) {
      const deadline = Date.now() + startupTimeoutMs;
      let exit = null;
      exited.then((status) => { exit = status; });
      for (;;) {
        const result = await ready();
        if (result) return result;
        if (exit) throw failure(name, `exited during start-up (${exit.signal ?? exit.code})`);
        if (Date.now() > deadline) throw failure(name, `was not ready within ${startupTimeoutMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

// A last resort for a test process that ends without running its after() hooks: kill what is still running.
const running = new Set();
process.once("exit", () => running.forEach((child) => child.kill("SIGKILL")));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    running.forEach((child) => child.kill("SIGKILL"));
    process.exit(128 + os.constants.signals[signal]);
  });
}

function track(started, processHandle) {
  started.push(processHandle);
  running.add(processHandle.child);
  processHandle.exited.then(() => running.delete(processHandle.child));
  return processHandle;
}

async function stopAll(started) {
  await Promise.all(started.splice(0).reverse().map(async ({ child, exited }) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }));
}

function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function answers(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}
