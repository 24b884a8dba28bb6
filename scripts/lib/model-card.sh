# scripts/lib/model-card.sh: pieces of a MODEL_CARD.md written from a run's files, shared by scripts/train-models and
# scripts/train-general (source it; needs jq and the repository root as the working directory).

# jq helper: x | fixed(n) → x with n decimals ("90.0", "1.000")
fixed='def fixed(n): (. * pow(10; n) | round) as $t | ($t | fabs) as $a | (if $t < 0 then "-" else "" end)
  + "\(($a / pow(10; n)) | floor)" + (if n > 0 then "." + ("\($a % pow(10; n))" | ("0" * n + .)[-n:]) else "" end);'

# frontend_paragraph FRONTEND.JSON: how far the learned LEAF moved from its initialisation (models/leaf-default.json)
frontend_paragraph() {
  jq -r --slurpfile init models/leaf-default.json "$fixed"'
    def hz: . * 16000 / (2 * 3.141592653589793);
    def span(p): (.parameters[p].values | min) as $a | (.parameters[p].values | max) as $b
      | "\($a | fixed(3))–\($b | fixed(3))";
    ($init[0].parameters) as $i
    | [range(.parameters["filterbank.center"].values | length) as $k
       | ((.parameters["filterbank.center"].values[$k] - $i["filterbank.center"].values[$k]) | hz | fabs)] as $shift
    | [range(.parameters["filterbank.width"].values | length) as $k
       | ((.parameters["filterbank.width"].values[$k] / $i["filterbank.width"].values[$k]) - 1 | fabs)] as $width
    | "The learned frontend (`frontend.json`, \(.filterCount) Gabor filters at \(.sampleRate) Hz) "
      + (if ($shift | add / length) < 30 then "stayed close to" else "moved away from" end) + " its mel-matched "
      + "initialisation (`models/leaf-default.json`): the filter centres moved by \($shift | add / length | fixed(1)) Hz on average "
      + "(at most \($shift | max | fixed(1)) Hz), the bandwidths by \($width | add / length * 100 | fixed(2)) % on average; "
      + (if .parameters["compression.alpha"] then
           "sPCEN alpha spans \(span("compression.alpha")) (initially 0.96), delta \(span("compression.delta")) (2), "
           + "root \(span("compression.root")) (2), smoothing \(span("compression.smoothing")) (0.04), and "
         else "the compression is a fixed log (no parameters), and " end)
      + "the Gaussian pooling widths "
      + "\(span("pooling.width")) (0.4). `plots/filters.png` draws the centres and bandwidths against the initialisation, "
      + "`plots/responses.png` every filter'"'"'s magnitude response."
  ' "$1"
}

# task_results REPORT INDEX: a task's test accuracy, per-class table and confusion matrix, from a report.json of leaf train
task_results() {
  jq -r --argjson i "$2" "$fixed"'
    .tasks[$i] as $t
    | "### Task `\($t.name)`: test accuracy \($t.test_accuracy * 100 | fixed(1)) % "
      + "(\([range($t.labels | length) as $c | $t.confusion[$c][$c]] | add) of \($t.confusion | map(add) | add) test files)\n",
      "| class | precision | recall | F1 | test files |", "|---|---|---|---|---|",
      ($t.per_class[] | "| \(.label) | \(.precision | fixed(3)) | \(.recall | fixed(3)) | \(.f1 | fixed(3)) | \(.support) |"),
      "", "Confusion (rows: true class, columns: predicted, in the order of the table):", "", "```",
      ($t.confusion[] | map(tostring | " " * (4 - length) + .) | join(" ")), "```", ""
  ' "$1"
}
