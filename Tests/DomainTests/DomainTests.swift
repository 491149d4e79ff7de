import Testing
@testable import Domain

/// The settings: every value the domain reference marks "unconfirmed" is a setting with the
/// reference's default, listed for the output and the docs.
@Suite struct SettingsTests {
    @Test func unconfirmedDefaultsAreTheReferencesDefaults() {
        let s = DomainSettings()
        #expect(s.cstdcsCapPercent == 15 && s.cstdcsCapRounding == .floor)
        #expect(s.ttldxsMinLDTTPercent == 70 && s.ttldxsMinCSTDCS == 1 && s.ttldxsRequireAllCompleted)
        #expect(s.ttldttMinLDTTPercent == 50)
        #expect(s.flagsPerCluster == 1 && s.certificatesPerCluster == .halfOfRest && s.tieBreakers.isEmpty)
        #expect(!s.r11Enabled && s.r11ConsecutiveYears == 2)
        #expect(s.cstdtqMaxYearsBetween == 3)
        #expect(!s.cstdcsRequiresExcellent)
        #expect(s.t2WomenAndMinorities)
        let keys = s.unconfirmed.map(\.key)
        for key in ["quy_tac.r2_ty_le_cstdcs_toi_da", "quy_tac.r2_lam_tron", "quy_tac.r4_so_nam_giua_hai_lan_toi_da",
                    "quy_tac.r5_ty_le_ldtt_toi_thieu", "quy_tac.r6_ty_le_ldtt_tren", "quy_tac.r11_bat",
                    "cum_khoi.so_bang_khen", "cum_khoi.tieu_chi_phu", "bang.t2_cot_nu_dan_toc"] {
            #expect(keys.contains(key), "\(key)")
        }
        #expect(s.entries.first { $0.key == "quy_tac.r2_ty_le_cstdcs_toi_da" }?.value == "15")
    }

    @Test func settingsEntriesShowTheCurrentValues() {
        var s = DomainSettings()
        s.cstdcsCapPercent = 12.5
        s.certificatesPerCluster = .fixed(2)
        s.tieBreakers = [.votes]
        #expect(s.entries.first { $0.key == "quy_tac.r2_ty_le_cstdcs_toi_da" }?.value == "12,5")
        #expect(s.entries.first { $0.key == "cum_khoi.so_bang_khen" }?.value == "2")
        #expect(s.entries.first { $0.key == "cum_khoi.tieu_chi_phu" }?.value == "nhiều phiếu bình xét hơn")
        #expect(TieBreaker.parse("nhóm II") == .group("II"))
        #expect(TieBreaker.parse("số phiếu") == .votes)
        #expect(TieBreaker.parse("bốc thăm") == nil)
    }
}
