#!/usr/bin/env bash
# Installs what is missing, builds, and runs the lottery-ticket demo: iterative magnitude pruning of
# LeNet-300-100 on Fashion-MNIST with a random-reinitialization control. Prints the result table and
# writes the store, tables and plots under ./runs (or the folder given as the first argument).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash eng/install-deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
store="${1:-$root/runs}"
dotnet build -c Release samples/LotteryTickets.Demo -nologo -v quiet
dotnet samples/LotteryTickets.Demo/bin/Release/net10.0/LotteryTickets.Demo.dll "$store"
