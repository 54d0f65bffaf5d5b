# Sourced by the run and test scripts: decides how Payments.Functions is built on this machine.
# A normal machine restores the Azure Functions worker packages and builds the real app. Where they cannot
# be restored, the function classes are compiled against small stand-ins for the worker attributes and
# served by Payments.LocalHost alone.
functions_worker_build_flags=()
if ! dotnet restore "$repo_root/src/Payments.Functions/Payments.Functions.csproj" >/tmp/payments-worker-restore.log 2>&1; then
  echo "note: the Azure Functions worker packages cannot be restored here (see /tmp/payments-worker-restore.log);" >&2
  echo "      building the function classes against the worker stand-ins (-p:UseFunctionsWorkerStandIns=true)." >&2
  functions_worker_build_flags=(-p:UseFunctionsWorkerStandIns=true)
fi
