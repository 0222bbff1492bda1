"""Three short party documents written for this benchmark (not taken from any corpus): a
resolution with Roman headings, a regulation with chapters and articles, a report in prose.
Each kind of folder (scanned, TCVN3, VNI, .doc) holds them in its own form; the questions
of questions.jsonl are asked of every kind."""

from __future__ import annotations

DOCUMENTS: dict[str, str] = {
    "nghi-quyet": """ĐẢNG BỘ KHỐI CÁC CƠ QUAN HUYỆN
CHI BỘ PHÒNG TÀI CHÍNH - KẾ HOẠCH
NGHỊ QUYẾT
về nhiệm vụ năm 2024

I. KẾT QUẢ NĂM 2023
Năm 2023, Chi bộ có 18 đảng viên, trong đó 3 đồng chí được kết nạp trong năm.
Chi bộ được xếp loại hoàn thành tốt nhiệm vụ; tỷ lệ giải ngân vốn đầu tư công đạt 92%.

II. NHIỆM VỤ NĂM 2024
1. Công tác chính trị, tư tưởng
Tổ chức học tập chuyên đề về tư tưởng, đạo đức, phong cách Hồ Chí Minh mỗi quý một lần.
2. Công tác chuyên môn
Phấn đấu giải ngân vốn đầu tư công đạt trên 95% kế hoạch được giao.
Hoàn thành dự toán ngân sách năm 2025 trước ngày 15 tháng 10 năm 2024.
3. Công tác xây dựng Đảng
Giới thiệu ít nhất 2 quần chúng ưu tú cho Đảng xem xét kết nạp.
Đồng chí Trần Thị Mai, Bí thư Chi bộ, chịu trách nhiệm tổ chức thực hiện Nghị quyết.
""",
    "quy-che": """ĐẢNG ỦY XÃ TÂN PHÚ
QUY CHẾ
làm việc của Ban Chấp hành Đảng bộ xã nhiệm kỳ 2020 - 2025

Chương I
NHỮNG QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Quy chế này quy định trách nhiệm, quyền hạn và chế độ làm việc của Ban Chấp hành Đảng bộ xã.

Điều 2. Nguyên tắc làm việc
Ban Chấp hành làm việc theo nguyên tắc tập trung dân chủ, tập thể lãnh đạo, cá nhân phụ trách.

Chương II
CHẾ ĐỘ LÀM VIỆC

Điều 3. Hội nghị Ban Chấp hành
Ban Chấp hành họp thường lệ ba tháng một lần; họp bất thường khi cần.
Hội nghị chỉ hợp lệ khi có ít nhất hai phần ba số ủy viên Ban Chấp hành tham dự.

Điều 4. Hội nghị Ban Thường vụ
Ban Thường vụ họp thường lệ mỗi tháng một lần vào ngày thứ Hai đầu tiên của tháng.

Điều 5. Chế độ báo cáo
Các chi bộ trực thuộc gửi báo cáo tháng về Văn phòng Đảng ủy trước ngày 20 hằng tháng.
""",
    "bao-cao": """CHI BỘ TRƯỜNG TRUNG HỌC CƠ SỞ HÒA BÌNH
BÁO CÁO
kết quả sinh hoạt chuyên đề quý III năm 2024

Ngày 12 tháng 9 năm 2024, Chi bộ tổ chức sinh hoạt chuyên đề với chủ đề học tập và làm theo tấm gương đạo đức của Bác trong đổi mới phương pháp dạy học.
Có 24 trên 25 đảng viên tham dự; đồng chí Nguyễn Văn Hùng vắng mặt có lý do.
Đồng chí Lê Thị Lan, Phó Bí thư Chi bộ, trình bày báo cáo đề dẫn.
Chi bộ thống nhất mỗi đảng viên đăng ký ít nhất một tiết dạy ứng dụng công nghệ thông tin trong học kỳ I.
Kết quả thi học sinh giỏi cấp huyện năm học 2023 - 2024 của Trường đạt 17 giải.
""",
}
