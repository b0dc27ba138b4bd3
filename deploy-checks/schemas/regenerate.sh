#!/usr/bin/env bash
# Derives ../src/test/resources/schemas from Maven artifacts (run it after changing a version in sources-pom.xml):
# fabric8's JSON schemas of the Kubernetes 1.30 and prometheus-operator types, and the CRDs that Strimzi's own
# CrdGenerator writes from io.strimzi:api (it needs Java 21 or newer). The CloudNativePG schema is written by hand.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fabric8=6.13.4 # its models are those of Kubernetes 1.30
for module in kubernetes-model-core kubernetes-model-apps kubernetes-model-autoscaling kubernetes-model-policy \
  openshift-model-monitoring; do
  mvn -B -q -ntp -f "$here/sources-pom.xml" dependency:copy -Dartifact="io.fabric8:$module:$fabric8" -DoutputDirectory="$work/fabric8"
  mkdir -p "$work/sources/$module"
  (cd "$work/sources/$module" && unzip -q -o "$work/fabric8/$module-$fabric8.jar" schema/validation-schema.json)
done
mvn -B -q -ntp -f "$here/sources-pom.xml" dependency:copy-dependencies -DoutputDirectory="$work/strimzi"

java=""
for candidate in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "$(command -v java)"; do
  if [[ -x $candidate ]] && (("$("$candidate" -XshowSettings:properties -version 2>&1 |
    sed -nE 's/^ *java.specification.version = ([0-9]+).*/\1/p')" >= 21)); then
    java="$candidate"
    break
  fi
done
[[ -n $java ]] || { echo "regenerate.sh: Strimzi's CrdGenerator needs Java 21 or newer (set JAVA_HOME)" >&2; exit 1; }
mkdir -p "$work/sources/strimzi"
"$java" -cp "$work/strimzi/*" io.strimzi.crdgenerator.CrdGenerator --crd-api-version v1 --yaml \
  io.strimzi.api.kafka.model.kafka.Kafka="$work/sources/strimzi/kafka.yaml" \
  io.strimzi.api.kafka.model.nodepool.KafkaNodePool="$work/sources/strimzi/kafkanodepool.yaml" \
  io.strimzi.api.kafka.model.topic.KafkaTopic="$work/sources/strimzi/kafkatopic.yaml"

python3 "$here/derive_schemas.py" "$work/sources" "$here/../src/test/resources/schemas"
echo "schemas written to $(cd "$here/../src/test/resources/schemas" && pwd)"
