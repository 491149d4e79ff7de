// Generated from templates/danh-muc/danh-hieu-hinh-thuc.yaml — keep the two identical
// (DomainTests.catalogueTemplateMatchesTheEmbeddedCopy checks it).

/// The built-in catalogue of titles and forms (the shipped YAML file, embedded).
enum DefaultCatalogue {
    static let fileName = "danh-hieu-hinh-thuc.yaml (mặc định)"
    static let yaml = #"""
# Danh mục danh hiệu thi đua và hình thức khen thưởng
# Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024) và Nghị định 98/2023/NĐ-CP.
#
# Cơ quan có thể sửa tệp này: đổi tên (ten), thêm tên khác (ten_khac) hoặc phần đầu tên
# (bat_dau_bang, ví dụ mọi «Giấy khen của …»), sửa cột biểu mẫu, hệ số tiền thưởng.
# Đặt bản đã sửa vào thư mục dữ liệu với tên danh-muc.yaml để tdkt dùng thay bản mặc định.
# Không đổi mã (ma): các quy tắc kiểm tra R1–R12 dùng mã.
#
# Khóa của mỗi mục:
#   ma           mã (chữ in hoa, số, gạch dưới); với «hang» mã có thêm _1, _2, _3
#   ten          tên chính xác như văn bản viết
#   ten_khac     các cách viết khác được chấp nhận trong danh sách khen thưởng
#   bat_dau_bang các phần đầu tên: «Giấy khen của Giám đốc Sở …» khớp «Giấy khen của»
#   hang         các hạng: tạo một mục cho mỗi hạng («… hạng Nhất»)
#   loai         danh_hieu (danh hiệu thi đua) hoặc hinh_thuc (hình thức khen thưởng)
#   nhom         họ hình thức (huân chương, huy chương, bằng khen…)
#   cap          nha_nuoc | tinh | co_so — cấp dùng khi tổng hợp
#   doi_tuong    ca_nhan | tap_the | ho_gia_dinh
#   loai_hinh    loại hình khen thưởng mặc định khi danh sách không ghi
#   dieu         căn cứ
#   cot_0602     tên cột trong biểu 0602.N/BNV-TĐKT (chỉ cấp Nhà nước)
#   tach_0602    cột 0602 chia hai cột Tập thể, Cá nhân
#   cot_0603     số cột trong biểu 0603.N/BNV-TĐKT: 2 Bằng khen, 3 Chiến sĩ thi đua cấp bộ, tỉnh,
#                4 Cờ thi đua, 5 Huy hiệu (kỷ niệm chương)
#   he_so_thuong hệ số tiền thưởng × mức lương cơ sở (nguồn thứ cấp)
#   xac_nhan     false: chưa đối chiếu với văn bản gốc

phien_ban: 1
danh_muc:
  # --- Danh hiệu thi đua đối với cá nhân ---
  - ma: CSTDTQ
    ten: Chiến sĩ thi đua toàn quốc
    ten_khac: [CSTĐTQ]
    loai: danh_hieu
    nhom: chien_si_thi_dua
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    dieu: Điều 21 Luật Thi đua, khen thưởng 2022
    cot_0602: Chiến sĩ thi đua toàn quốc
    he_so_thuong: 4.5
  - ma: CSTD_TINH
    ten: Chiến sĩ thi đua cấp tỉnh
    ten_khac:
      - Chiến sĩ thi đua Bộ, ban, ngành, tỉnh
      - Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh
      - Chiến sĩ thi đua cấp bộ, cấp tỉnh
      - Chiến sĩ thi đua tỉnh
      - CSTĐ cấp tỉnh
    loai: danh_hieu
    nhom: chien_si_thi_dua
    cap: tinh
    doi_tuong: [ca_nhan]
    dieu: Điều 22 Luật Thi đua, khen thưởng 2022
    cot_0603: 3
    he_so_thuong: 3.0
  - ma: CSTDCS
    ten: Chiến sĩ thi đua cơ sở
    ten_khac: [CSTĐCS]
    loai: danh_hieu
    nhom: chien_si_thi_dua
    cap: co_so
    doi_tuong: [ca_nhan]
    dieu: Điều 23 Luật Thi đua, khen thưởng 2022
  - ma: LDTT
    ten: Lao động tiên tiến
    ten_khac: [LĐTT]
    loai: danh_hieu
    nhom: danh_hieu_ca_nhan
    cap: co_so
    doi_tuong: [ca_nhan]
    dieu: Điều 24 Luật Thi đua, khen thưởng 2022
    he_so_thuong: 0.3
  - ma: CSTT
    ten: Chiến sĩ tiên tiến
    loai: danh_hieu
    nhom: danh_hieu_ca_nhan
    cap: co_so
    doi_tuong: [ca_nhan]
    dieu: Điều 24 Luật Thi đua, khen thưởng 2022

  # --- Danh hiệu thi đua đối với tập thể ---
  - ma: CO_CP
    ten: Cờ thi đua của Chính phủ
    loai: danh_hieu
    nhom: co_thi_dua
    cap: nha_nuoc
    doi_tuong: [tap_the]
    dieu: Điều 25 Luật Thi đua, khen thưởng 2022
    cot_0602: Cờ thi đua của Chính phủ
  - ma: CO_TINH
    ten: Cờ thi đua của Ủy ban nhân dân tỉnh
    ten_khac:
      - Cờ thi đua của UBND tỉnh
      - Cờ thi đua của Bộ, ban, ngành, tỉnh
      - Cờ thi đua cấp tỉnh
      - Cờ thi đua tỉnh
    bat_dau_bang: [Cờ thi đua của Ủy ban nhân dân tỉnh, Cờ thi đua của UBND tỉnh]
    loai: danh_hieu
    nhom: co_thi_dua
    cap: tinh
    doi_tuong: [tap_the]
    dieu: Điều 26 Luật Thi đua, khen thưởng 2022
    cot_0603: 4
  - ma: TTLDXS
    ten: Tập thể lao động xuất sắc
    ten_khac: [Đơn vị quyết thắng, TTLĐXS]
    loai: danh_hieu
    nhom: danh_hieu_tap_the
    cap: tinh
    doi_tuong: [tap_the]
    dieu: Điều 27 Luật Thi đua, khen thưởng 2022
    he_so_thuong: 1.5
    xac_nhan: false
    ghi_chu: Cấp quyết định chưa xác nhận; tiêu chí theo cách viết của luật cũ.
  - ma: TTLDTT
    ten: Tập thể lao động tiên tiến
    ten_khac: [Đơn vị tiên tiến, TTLĐTT]
    loai: danh_hieu
    nhom: danh_hieu_tap_the
    cap: co_so
    doi_tuong: [tap_the]
    dieu: Điều 28 Luật Thi đua, khen thưởng 2022
    he_so_thuong: 0.8
  - ma: XA_TB
    ten: Xã, phường, thị trấn tiêu biểu
    ten_khac: [Xã tiêu biểu, Phường tiêu biểu, Thị trấn tiêu biểu]
    loai: danh_hieu
    nhom: danh_hieu_van_hoa
    cap: tinh
    doi_tuong: [tap_the]
    dieu: Điều 29 Luật Thi đua, khen thưởng 2022; Nghị định 86/2023/NĐ-CP
    he_so_thuong: 2.0
    xac_nhan: false
    ghi_chu: Số điều và cấp quyết định chưa xác nhận.
  - ma: THON_VH
    ten: Thôn, tổ dân phố văn hóa
    ten_khac: [Thôn văn hóa, Tổ dân phố văn hóa]
    loai: danh_hieu
    nhom: danh_hieu_van_hoa
    cap: co_so
    doi_tuong: [tap_the]
    dieu: Điều 30 Luật Thi đua, khen thưởng 2022; Nghị định 86/2023/NĐ-CP
  - ma: GDVH
    ten: Gia đình văn hóa
    loai: danh_hieu
    nhom: danh_hieu_van_hoa
    cap: co_so
    doi_tuong: [ho_gia_dinh]
    dieu: Điều 31 Luật Thi đua, khen thưởng 2022; Nghị định 86/2023/NĐ-CP

  # --- Huân chương ---
  - ma: HC_SAO_VANG
    ten: Huân chương Sao vàng
    loai: hinh_thuc
    nhom: huan_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the]
    dieu: Điều 33 Luật Thi đua, khen thưởng 2022
    cot_0602: Huân chương Sao vàng
    tach_0602: true
  - ma: HC_HCM
    ten: Huân chương Hồ Chí Minh
    loai: hinh_thuc
    nhom: huan_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the]
    dieu: Điều 33 Luật Thi đua, khen thưởng 2022
    cot_0602: Huân chương Hồ Chí Minh
    tach_0602: true
  - ma: HC_DOC_LAP
    ten: Huân chương Độc lập
    hang: [Nhất, Nhì, Ba]
    loai: hinh_thuc
    nhom: huan_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the]
    dieu: Điều 33 Luật Thi đua, khen thưởng 2022
    cot_0602: Huân chương Độc lập
    tach_0602: true
  - ma: HC_QUAN_CONG
    ten: Huân chương Quân công
    hang: [Nhất, Nhì, Ba]
    loai: hinh_thuc
    nhom: huan_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the]
    dieu: Điều 33 Luật Thi đua, khen thưởng 2022
    cot_0602: Huân chương Quân công
    tach_0602: true
  - ma: HC_LAO_DONG
    ten: Huân chương Lao động
    hang: [Nhất, Nhì, Ba]
    loai: hinh_thuc
    nhom: huan_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the]
    dieu: Điều 33 Luật Thi đua, khen thưởng 2022
    cot_0602: Huân chương Lao động
    tach_0602: true
  - ma: HC_BVTQ
    ten: Huân chương Bảo vệ Tổ quốc
    hang: [Nhất, Nhì, Ba]
    loai: hinh_thuc
    nhom: huan_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the]
    dieu: Điều 33 Luật Thi đua, khen thưởng 2022
    cot_0602: Huân chương Bảo vệ Tổ quốc
    tach_0602: true
  - ma: HC_CHIEN_CONG
    ten: Huân chương Chiến công
    hang: [Nhất, Nhì, Ba]
    loai: hinh_thuc
    nhom: huan_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the]
    dieu: Điều 33 Luật Thi đua, khen thưởng 2022
    cot_0602: Huân chương Chiến công
    tach_0602: true
  - ma: HC_DDKDT
    ten: Huân chương Đại đoàn kết dân tộc
    loai: hinh_thuc
    nhom: huan_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the]
    dieu: Điều 33 Luật Thi đua, khen thưởng 2022
    cot_0602: Huân chương Đại đoàn kết dân tộc
    tach_0602: true
  - ma: HC_DUNG_CAM
    ten: Huân chương Dũng cảm
    loai: hinh_thuc
    nhom: huan_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    loai_hinh: dot_xuat
    dieu: Điều 33 Luật Thi đua, khen thưởng 2022
    cot_0602: Huân chương Dũng cảm
    tach_0602: true
  - ma: HC_HUU_NGHI
    ten: Huân chương Hữu nghị
    loai: hinh_thuc
    nhom: huan_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the]
    loai_hinh: doi_ngoai
    dieu: Điều 33 Luật Thi đua, khen thưởng 2022
    cot_0602: Huân chương Hữu nghị
    tach_0602: true

  # --- Huy chương ---
  - ma: HCH_QKQT
    ten: Huy chương Quân kỳ quyết thắng
    loai: hinh_thuc
    nhom: huy_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    loai_hinh: nien_han
    dieu: Điều 54 Luật Thi đua, khen thưởng 2022
    cot_0602: Huy chương Quân kỳ quyết thắng
    tach_0602: true
  - ma: HCH_VANTQ
    ten: Huy chương Vì an ninh Tổ quốc
    loai: hinh_thuc
    nhom: huy_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    loai_hinh: nien_han
    dieu: Điều 54 Luật Thi đua, khen thưởng 2022
    cot_0602: Huy chương Vì an ninh Tổ quốc
    tach_0602: true
  - ma: HCH_CSVV
    ten: Huy chương Chiến sĩ vẻ vang
    hang: [Nhất, Nhì, Ba]
    loai: hinh_thuc
    nhom: huy_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    loai_hinh: nien_han
    dieu: Điều 54 Luật Thi đua, khen thưởng 2022
    cot_0602: Huy chương Chiến sĩ vẻ vang
    tach_0602: true
  - ma: HCH_HUU_NGHI
    ten: Huy chương Hữu nghị
    loai: hinh_thuc
    nhom: huy_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    loai_hinh: doi_ngoai
    dieu: Điều 54 Luật Thi đua, khen thưởng 2022
    cot_0602: Huy chương Hữu nghị
    tach_0602: true
  - ma: HCH_TNXP
    ten: Huy chương Thanh niên xung phong vẻ vang
    loai: hinh_thuc
    nhom: huy_chuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    loai_hinh: cong_hien
    cot_0602: Huy chương Thanh niên xung phong vẻ vang
    tach_0602: true
    xac_nhan: false
    ghi_chu: Thấy trong danh sách trao tặng; chưa đối chiếu với Luật.

  # --- Danh hiệu vinh dự nhà nước (danh sách chưa đối chiếu với Luật) ---
  - ma: VD_TINH_AH
    ten: Tỉnh Anh hùng
    loai: hinh_thuc
    nhom: danh_hieu_vinh_du
    cap: nha_nuoc
    doi_tuong: [tap_the]
    cot_0602: Tỉnh Anh hùng
    xac_nhan: false
  - ma: VD_TP_AH
    ten: Thành phố Anh hùng
    loai: hinh_thuc
    nhom: danh_hieu_vinh_du
    cap: nha_nuoc
    doi_tuong: [tap_the]
    cot_0602: Thành phố Anh hùng
    xac_nhan: false
  - ma: VD_BMVNAH
    ten: Bà mẹ Việt Nam anh hùng
    loai: hinh_thuc
    nhom: danh_hieu_vinh_du
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    loai_hinh: cong_hien
    cot_0602: Bà mẹ Việt Nam anh hùng
    xac_nhan: false
  - ma: VD_AHLLVT
    ten: Anh hùng Lực lượng vũ trang nhân dân
    loai: hinh_thuc
    nhom: danh_hieu_vinh_du
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the]
    cot_0602: Anh hùng Lực lượng vũ trang nhân dân
    tach_0602: true
    xac_nhan: false
  - ma: VD_AHLD
    ten: Anh hùng Lao động
    loai: hinh_thuc
    nhom: danh_hieu_vinh_du
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the]
    cot_0602: Anh hùng Lao động
    tach_0602: true
    xac_nhan: false
    ghi_chu: Xét tặng 5 năm một lần tại Đại hội thi đua yêu nước.
  - ma: VD_NGND
    ten: Nhà giáo Nhân dân
    loai: hinh_thuc
    nhom: danh_hieu_vinh_du
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    cot_0602: Nhà giáo Nhân dân
    xac_nhan: false
  - ma: VD_NGUT
    ten: Nhà giáo Ưu tú
    loai: hinh_thuc
    nhom: danh_hieu_vinh_du
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    cot_0602: Nhà giáo Ưu tú
    xac_nhan: false
  - ma: VD_TTND
    ten: Thầy thuốc Nhân dân
    loai: hinh_thuc
    nhom: danh_hieu_vinh_du
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    cot_0602: Thầy thuốc Nhân dân
    xac_nhan: false
  - ma: VD_TTUT
    ten: Thầy thuốc Ưu tú
    loai: hinh_thuc
    nhom: danh_hieu_vinh_du
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    cot_0602: Thầy thuốc Ưu tú
    xac_nhan: false
  - ma: VD_NSND
    ten: Nghệ sĩ Nhân dân
    loai: hinh_thuc
    nhom: danh_hieu_vinh_du
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    cot_0602: Nghệ sĩ Nhân dân
    xac_nhan: false
  - ma: VD_NSUT
    ten: Nghệ sĩ Ưu tú
    loai: hinh_thuc
    nhom: danh_hieu_vinh_du
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    cot_0602: Nghệ sĩ Ưu tú
    xac_nhan: false
  - ma: VD_NNND
    ten: Nghệ nhân Nhân dân
    loai: hinh_thuc
    nhom: danh_hieu_vinh_du
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    cot_0602: Nghệ nhân Nhân dân
    xac_nhan: false
  - ma: VD_NNUT
    ten: Nghệ nhân Ưu tú
    loai: hinh_thuc
    nhom: danh_hieu_vinh_du
    cap: nha_nuoc
    doi_tuong: [ca_nhan]
    cot_0602: Nghệ nhân Ưu tú
    xac_nhan: false

  # --- Giải thưởng ---
  - ma: GT_HCM
    ten: Giải thưởng Hồ Chí Minh
    loai: hinh_thuc
    nhom: giai_thuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the]
    cot_0602: Giải thưởng Hồ Chí Minh
  - ma: GT_NN
    ten: Giải thưởng Nhà nước
    loai: hinh_thuc
    nhom: giai_thuong
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the]
    cot_0602: Giải thưởng Nhà nước

  # --- Bằng khen, Giấy khen, Kỷ niệm chương ---
  - ma: BK_TTG
    ten: Bằng khen của Thủ tướng Chính phủ
    ten_khac: [Bằng khen Thủ tướng Chính phủ, Bằng khen của Thủ tướng]
    loai: hinh_thuc
    nhom: bang_khen
    cap: nha_nuoc
    doi_tuong: [ca_nhan, tap_the, ho_gia_dinh]
    cot_0602: Bằng khen của Thủ tướng Chính phủ
    tach_0602: true
  - ma: BK_TINH
    ten: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh
    ten_khac:
      - Bằng khen của Chủ tịch UBND tỉnh
      - Bằng khen của Ủy ban nhân dân tỉnh
      - Bằng khen của UBND tỉnh
      - Bằng khen tỉnh
    bat_dau_bang: [Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, Bằng khen của Chủ tịch UBND tỉnh]
    loai: hinh_thuc
    nhom: bang_khen
    cap: tinh
    doi_tuong: [ca_nhan, tap_the, ho_gia_dinh]
    cot_0603: 2
  - ma: BK_BO
    ten: Bằng khen của Bộ, ban, ngành, đoàn thể Trung ương
    bat_dau_bang: [Bằng khen của Bộ trưởng, Bằng khen của Bộ, Bằng khen của Ban, Bằng khen của Trung ương, Bằng khen của Ủy ban Trung ương]
    loai: hinh_thuc
    nhom: bang_khen
    cap: tinh
    doi_tuong: [ca_nhan, tap_the, ho_gia_dinh]
    cot_0603: 2
  - ma: KNC
    ten: Kỷ niệm chương
    ten_khac: [Huy hiệu]
    bat_dau_bang: [Kỷ niệm chương, Huy hiệu]
    loai: hinh_thuc
    nhom: ky_niem_chuong
    cap: tinh
    doi_tuong: [ca_nhan]
    loai_hinh: cong_hien
    cot_0603: 5
  - ma: GK
    ten: Giấy khen
    bat_dau_bang: [Giấy khen của, Giấy khen]
    loai: hinh_thuc
    nhom: giay_khen
    cap: co_so
    doi_tuong: [ca_nhan, tap_the, ho_gia_dinh]
"""#
}
