import Testing
@testable import Spreadsheet
