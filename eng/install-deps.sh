#!/usr/bin/env bash
# Installs what LotteryTickets needs on Debian 12, only where missing:
# libtorch (CPU) and OpenBLAS for the engine, CMake and g++ to build its native shim,
# Python torch on the same libtorch (the numeric reference of the tests and benchmarks),
# and Fashion-MNIST (the default dataset of the demo and tests).
set -euo pipefail

packages=(libtorch-dev libopenblas0-pthread cmake g++ make python3-torch dataset-fashion-mnist)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: installing ${missing[*]} needs root or sudo." >&2; exit 1; }
    sudo="sudo"
  fi
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null; then
  echo "error: the .NET 10 SDK is missing. Install it (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run this again." >&2
  exit 1
fi
