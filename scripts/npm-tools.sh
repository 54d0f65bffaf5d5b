# Sourced by the other scripts: the repository's pinned npm tools, installed when missing, and first on PATH.
#
# Azurite 3.37 and the Azure packages it pulls declare Node >= 22, so the npm package "node" (pinned in package.json)
# brings Node 22 into node_modules/.bin, and the scripts run Azurite and the storefront tests with it: a machine with
# Node 20 only needs npm. npm itself installs with the machine's Node, which is older than what those packages declare
# for the Node they will run on, so its engine warnings are noise here and kept out of the output (--loglevel=error;
# errors still show).
npm_tools_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

ensure_npm_tools() {
  local bin="$npm_tools_root/node_modules/.bin"
  if [[ ! -x "$bin/node" || ! -x "$bin/azurite-table" || ! -d "$npm_tools_root/node_modules/@medusajs/js-sdk" ]]; then
    echo "Installing the pinned npm tools (Node 22, Azurite, the Medusa JS SDK), once..." >&2
    (cd "$npm_tools_root" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
  export PATH="$bin:$PATH"
}
