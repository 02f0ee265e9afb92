{{- define "tio.name" -}}tenant-ingress-operator{{- end -}}

{{- define "tio.fullname" -}}
{{- if contains (include "tio.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "tio.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "tio.labels" -}}
app.kubernetes.io/name: {{ include "tio.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "tio.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tio.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "tio.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicaCount) 1) -}}true{{- else -}}false{{- end -}}
{{- end -}}

{{/*
The JVM's heap in MiB: the container's memory limit minus what the JVM needs beside its heap (jvm.nonHeap), so that
a full heap never takes the pod past its limit (a percentage of the limit cannot: the non-heap part does not scale
with it).
*/}}
{{- define "tio.heapMiB" -}}
{{- $limit := toString .Values.resources.limits.memory -}}
{{- $limitMiB := 0 -}}
{{- if hasSuffix "Gi" $limit -}}
{{- $limitMiB = mul (trimSuffix "Gi" $limit | int) 1024 -}}
{{- else -}}
{{- $limitMiB = trimSuffix "Mi" $limit | int -}}
{{- end -}}
{{- $heap := sub $limitMiB (trimSuffix "Mi" (toString .Values.jvm.nonHeap) | int) -}}
{{- if lt $heap 128 -}}
{{- fail (printf "resources.limits.memory %s leaves the JVM a heap of %d MiB beside jvm.nonHeap %s; the operator needs at least 128 MiB" $limit $heap (toString .Values.jvm.nonHeap)) -}}
{{- end -}}
{{- $heap -}}
{{- end -}}
