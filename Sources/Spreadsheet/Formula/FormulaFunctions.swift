// Function names that differ between Excel's file syntax and OpenFormula.
//
// Checked against LibreOffice 7.4: an XLSX with `_xlfn.` names converted to ODS.

enum FormulaFunctions {
    /// Functions newer than Excel 2007 that Excel stores with a `_xlfn.` prefix in `<f>`
    /// (without it Excel shows #NAME?, and LibreOffice does not recognize them either).
    static let excelFuture: Set<String> = [
        // Excel 2010
        "AGGREGATE", "BETA.DIST", "BETA.INV", "BINOM.DIST", "BINOM.INV", "CEILING.PRECISE",
        "CHISQ.DIST", "CHISQ.DIST.RT", "CHISQ.INV", "CHISQ.INV.RT", "CHISQ.TEST",
        "CONFIDENCE.NORM", "CONFIDENCE.T", "COVARIANCE.P", "COVARIANCE.S", "ERF.PRECISE",
        "ERFC.PRECISE", "EXPON.DIST", "F.DIST", "F.DIST.RT", "F.INV", "F.INV.RT", "F.TEST",
        "FLOOR.PRECISE", "GAMMA.DIST", "GAMMA.INV", "GAMMALN.PRECISE", "HYPGEOM.DIST",
        "LOGNORM.DIST", "LOGNORM.INV", "MODE.MULT", "MODE.SNGL", "NEGBINOM.DIST", "NORM.DIST",
        "NORM.INV", "NORM.S.DIST", "NORM.S.INV", "PERCENTILE.EXC", "PERCENTILE.INC",
        "PERCENTRANK.EXC", "PERCENTRANK.INC", "POISSON.DIST", "QUARTILE.EXC", "QUARTILE.INC",
        "RANK.AVG", "RANK.EQ", "STDEV.P", "STDEV.S", "T.DIST", "T.DIST.2T", "T.DIST.RT", "T.INV",
        "T.INV.2T", "T.TEST", "VAR.P", "VAR.S", "WEIBULL.DIST",
        // Excel 2013
        "ACOT", "ACOTH", "ARABIC", "BASE", "BITAND", "BITLSHIFT", "BITOR", "BITRSHIFT", "BITXOR",
        "CEILING.MATH", "COMBINA", "COT", "COTH", "CSC", "CSCH", "DAYS", "DECIMAL", "ENCODEURL",
        "FILTERXML", "FLOOR.MATH", "FORMULATEXT", "GAMMA", "GAUSS", "IFNA", "ISFORMULA",
        "ISOWEEKNUM", "MUNIT", "NUMBERVALUE", "PDURATION", "PERMUTATIONA", "PHI", "RRI", "SEC",
        "SECH", "SHEET", "SHEETS", "SKEW.P", "UNICHAR", "UNICODE", "WEBSERVICE", "XOR",
        // Excel 2016 and later
        "CONCAT", "FORECAST.ETS", "FORECAST.LINEAR", "IFS", "MAXIFS", "MINIFS", "SWITCH", "TEXTJOIN",
        "XLOOKUP", "XMATCH", "UNIQUE", "SEQUENCE", "RANDARRAY", "SORTBY", "LET", "LAMBDA",
    ]

    /// Dynamic-array functions stored as `_xlfn._xlws.NAME`.
    static let excelWorksheetFuture: Set<String> = ["FILTER", "SORT"]

    /// The storage prefix Excel needs for `name`, nil for functions without a known one.
    static func xlsxPrefix(_ name: String) -> String? {
        if excelWorksheetFuture.contains(name) { return "_xlfn._xlws." }
        if excelFuture.contains(name) { return "_xlfn." }
        return nil
    }

    /// Excel names that OpenFormula spells differently, as LibreOffice 7.4 writes them.
    static let openFormulaNames: [String: String] = {
        var names: [String: String] = [
            "FORMULATEXT": "FORMULA", "SKEW.P": "SKEWP", "F.DIST": "FDIST", "F.INV": "FINV",
        ]
        for n in ["AGGREGATE", "BETA.DIST", "BETA.INV", "BINOM.DIST", "BINOM.INV", "CEILING",
                  "CEILING.MATH", "CEILING.PRECISE", "CHISQ.DIST", "CHISQ.DIST.RT", "CHISQ.INV",
                  "CHISQ.INV.RT", "CHISQ.TEST", "CONCAT", "CONFIDENCE.NORM", "CONFIDENCE.T",
                  "COVARIANCE.P", "COVARIANCE.S", "ENCODEURL", "ERF.PRECISE", "ERFC.PRECISE",
                  "EXPON.DIST", "F.DIST.RT", "F.INV.RT", "F.TEST", "FILTERXML", "FLOOR",
                  "FLOOR.MATH", "FLOOR.PRECISE", "FORECAST.ETS", "FORECAST.LINEAR", "GAMMA.DIST",
                  "GAMMA.INV", "GAMMALN.PRECISE", "HYPGEOM.DIST", "IFS", "LOGNORM.DIST",
                  "LOGNORM.INV", "MAXIFS", "MINIFS", "MODE.MULT", "MODE.SNGL", "NEGBINOM.DIST",
                  "NORM.DIST", "NORM.INV", "NORM.S.DIST", "NORM.S.INV", "PERCENTILE.EXC",
                  "PERCENTILE.INC", "PERCENTRANK.EXC", "PERCENTRANK.INC", "POISSON.DIST",
                  "QUARTILE.EXC", "QUARTILE.INC", "RANK.AVG", "RANK.EQ", "STDEV.P", "STDEV.S",
                  "SWITCH", "T.DIST", "T.DIST.2T", "T.DIST.RT", "T.INV", "T.INV.2T", "T.TEST",
                  "TEXTJOIN", "VAR.P", "VAR.S", "WEBSERVICE", "WEIBULL.DIST"] {
            names[n] = "COM.MICROSOFT." + n
        }
        return names
    }()

    /// The OpenFormula name of the Excel function `name` (upper-cased, no prefix).
    static func openFormulaName(_ name: String) -> String { openFormulaNames[name] ?? name }
}
