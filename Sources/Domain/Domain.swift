/// The TĐKT domain: the model of what an emulation-and-commendation office keeps (units,
/// clusters, movements, plans, programmes, the catalogue of titles and forms, awards,
/// individuals, exemplars, propaganda outputs), the loader of a data folder, the aggregations
/// (tables T1–T5, forms 0601–0603, cluster ranking, programme tracking), the rule checks R1–R12
/// and a deterministic province generator. Pure: no writer, no printing. See docs/domain.md.
public enum DomainLayer {
    /// The folder layout version written by the generator and documented in docs/domain.md.
    public static let layoutVersion = 1
}
