/// Workbooks written as XLSX and ODS.
public enum Spreadsheet {}
