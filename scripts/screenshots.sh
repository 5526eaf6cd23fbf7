#!/bin/sh
# Screenshots of every phase (participant, trainer, spectator) from real windows under Xvfb.
# Usage: scripts/screenshots.sh [--wait SECONDS] [--lang fr|en]
set -e
cd "$(dirname "$0")/.."
if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null || ! command -v import >/dev/null; then
    sudo apt-get update && sudo apt-get install -y xvfb xdotool imagemagick
fi
. .venv/bin/activate
exec python -m ilot.game.client.shots "$@"
