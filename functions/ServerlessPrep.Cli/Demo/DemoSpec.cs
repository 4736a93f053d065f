namespace ServerlessPrep.Cli.Demo;

/// <summary>The spec the demo ships for its sales dataset; customers and events are left to inference on purpose.</summary>
internal static class DemoSpec
{
    public const string Yaml = """
        # ServerlessPrep spec for the demo lake. customers/ and events/ have no entry: their specs are inferred and printed.
        datasets:
          - name: sales
            match: ["sales/**"]
            entity: customer_id
            eventTime: ts
            labels: [is_returned]
            columns:
              order_id: { transform: keep }
              amount:
                impute: { strategy: median, indicator: true }
                outliers: { method: iqr, k: 3, action: clip }
                transform: standardize
              quantity:
                impute: { strategy: constant, value: "1", indicator: true }
                transform: minmax
              category: { transform: { kind: onehot, topK: 10 } }
              country: { transform: { kind: onehot, topK: 8 } }
              email: { drop: true }
              note: { transform: { kind: text, buckets: 16 } }
              ts: { transform: { kind: datetime, cyclical: true } }
            rules:
              - { column: amount, check: range, min: 0, action: reject }
              - { column: customer_id, check: not_null, action: reject }
              - { column: email, check: regex, pattern: "^[^@\\s]+@[^@\\s]+$", action: warn }
              - { check: row_count, min: 1, action: fail }
            dedup: { keys: [order_id], keep: first }
            split: { by: customer_id, salt: demo-v1, train: 0.8, validation: 0.1, test: 0.1 }
        """;
}
