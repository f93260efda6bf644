// Mongolian messages of the grantStaff area: the coordinators' grant list and grant page, the
// tranche schedule forms, the payment request, and the text of the printable grant agreement.
export const grantStaff = {
	'grantStaff.title': 'Буцалтгүй тусламж',
	'grantStaff.back': 'Буцалтгүй тусламжийн жагсаалт',
	'grantStaff.byState': 'Төлөв тус бүрээр',
	'grantStaff.all': 'Бүгд: {count}',
	'grantStaff.stateCount': '{state}: {count}',
	'grantStaff.overdueCount': 'Хугацаа хэтэрсэн: {count}',
	'grantStaff.money': 'Мөнгөн дүнгийн тойм',
	'grantStaff.filter': 'Шүүх',
	'grantStaff.list': 'Тусламжууд',
	'grantStaff.none': 'Энэ төлөвт буцалтгүй тусламж алга.',
	'grantStaff.next': 'Дараагийн хэсэг',
	'grantStaff.nextTranche': '{no}-р хэсэг, {amount}',
	'grantStaff.overdue': 'Хугацаа хэтэрсэн',
	'grantStaff.daysOverdue': '{days} хоног хэтэрсэн',
	'grantStaff.business': 'Бизнес',

	'grantStaff.rules.title': 'Анхдагч олголтын хуваарь',
	'grantStaff.rules.hint':
		'Гэрээнд гарын үсэг зураагүй, хуваарийг нь тусад нь өөрчлөөгүй тусламжид шууд хэрэглэгдэнэ. Хувиудын нийлбэр 100 байна. Хэсгийг хасах бол хувийг нь хоосон үлдээнэ үү.',
	'grantStaff.rules.percent': 'Хувь (%)',
	'grantStaff.rules.save': 'Анхдагч хуваарийг хадгалах',
	'grantStaff.rules.saved':
		'Анхдагч хуваарь хадгалагдлаа. Гарын үсэг зураагүй {count} тусламжид хэрэглэв.',

	'grantStaff.schedule.title': 'Энэ тусламжийн хуваарь',
	'grantStaff.schedule.hint':
		'Гэрээнд гарын үсэг зурахаас өмнө өөрчилж болно. Дүнгүүдийн нийлбэр {amount} байна. Хэсгийг хасах бол дүнг нь хоосон үлдээнэ үү.',
	'grantStaff.schedule.amount': 'Дүн (₮)',
	'grantStaff.schedule.save': 'Хуваарийг хадгалах',
	'grantStaff.schedule.saved': 'Энэ тусламжийн хуваарь хадгалагдлаа.',
	'grantStaff.problem.count': 'Хуваарь 1–4 хэсэгтэй байна.',
	'grantStaff.problem.amount': 'Хэсэг бүр 1-ээс багагүй бүхэл тоо байна.',
	'grantStaff.problem.sum': 'Хэсгүүдийн нийлбэр тусламжийн дүн (эсвэл 100%)-тэй тэнцэхгүй байна.',
	'grantStaff.problem.firstGate': 'Эхний хэсэг гэрээнд гарын үсэг зурсны дараа олгогдоно.',
	'grantStaff.problem.gate': 'Хэсэг бүрийн нөхцөлийг сонгоно уу.',

	'grantStaff.sign.title': 'Гэрээ',
	'grantStaff.sign.record': 'Гарын үсэг зурсныг бүртгэх',
	'grantStaff.sign.signedOn': 'Гарын үсэг зурсан өдөр',
	'grantStaff.sign.witnessedBy': 'Гэрчийн овог нэр',
	'grantStaff.sign.save': 'Гарын үсгийг бүртгэх',
	'grantStaff.sign.saved': 'Гэрээнд гарын үсэг зурсныг бүртгэлээ.',
	'grantStaff.sign.done': '{date}-нд гарын үсэг зурсан, гэрч: {witness}. Бүртгэсэн: {by}.',
	'grantStaff.sign.print': 'Гэрээг хэвлэх',

	'grantStaff.request.title': '{no}-р хэсгийн төлбөрийн хүсэлт ({amount})',
	'grantStaff.request.open': 'Төлбөр хүсэх',
	'grantStaff.request.hint': 'Хүсэлтийг санхүүгийн өөр ажилтан зөвшөөрсний дараа мөнгө шилжинэ.',
	'grantStaff.request.method': 'Төлбөрийн хэлбэр',
	'grantStaff.request.bankName': 'Банкны нэр',
	'grantStaff.request.accountName': 'Данс эзэмшигчийн нэр',
	'grantStaff.request.accountNumber': 'Дансны дугаар',
	'grantStaff.request.supplierName': 'Нийлүүлэгчийн нэр',
	'grantStaff.request.reference': 'Гүйлгээний утга',
	'grantStaff.request.referenceDefault': '{code}, {no}-р хэсэг',
	'grantStaff.request.note': 'Тэмдэглэл (заавал биш)',
	'grantStaff.request.submit': 'Төлбөрийн хүсэлт илгээх',
	'grantStaff.request.sent':
		'Төлбөрийн хүсэлт илгээгдлээ. Санхүүгийн ажилтан зөвшөөрсний дараа төлөгдөнө.',

	'grantStaff.history.title': 'Төлбөрийн түүх',
	'grantStaff.history.empty': 'Төлбөрийн хүсэлт гараагүй байна.',
	'grantStaff.history.kind': 'Үйлдэл',
	'grantStaff.history.event.requested': 'Хүсэлт илгээсэн',
	'grantStaff.history.event.approved': 'Зөвшөөрсөн',
	'grantStaff.history.event.rejected': 'Татгалзсан',
	'grantStaff.history.event.paid': 'Төлсөн',
	'grantStaff.history.tranche': 'Хэсэг',
	'grantStaff.history.by': 'Хэн',
	'grantStaff.history.at': 'Хэзээ',
	'grantStaff.history.reason': 'Шалтгаан',
	'grantStaff.history.paidOn': 'Төлсөн өдөр',
	'grantStaff.history.references': 'Хэлбэр, лавлах',

	'grantStaff.verification.title': 'Бизнес ажиллаж байгааг баталгаажуулсан эсэх',
	'grantStaff.verification.none': 'Зөвлөгч бизнес ажиллаж байгааг хараахан баталгаажуулаагүй.',
	'grantStaff.verification.by': 'Зөвлөгч',
	'grantStaff.verification.visitedOn': 'Очсон өдөр',
	'grantStaff.verification.note': 'Тэмдэглэл',

	'grantStaff.agreement.back': 'Буцах',
	'grantStaff.agreement.title': 'Буцалтгүй тусламжийн гэрээ',
	'grantStaff.agreement.meta': 'Оролцогчийн код {code} · {cohort}',
	'grantStaff.agreement.programme':
		'Өмнөговь аймгийн шилжин ирсэн эмэгтэйчүүдийн бизнес инкубацийн хөтөлбөр',
	'grantStaff.agreement.parties': '1. Гэрээний талууд',
	'grantStaff.agreement.partiesText':
		'Нэг талаас {programme} (цаашид «Хөтөлбөр» гэх), нөгөө талаас {soum} сумын иргэн {name} (оролцогчийн код {code}, цаашид «Тусламж хүлээн авагч» гэх) нар дараах нөхцөлөөр энэхүү гэрээг байгуулав.',
	'grantStaff.agreement.subject': '2. Гэрээний зүйл',
	'grantStaff.agreement.subjectText':
		'Хөтөлбөр нь Тусламж хүлээн авагчийн «{business}» бизнес төлөвлөгөөг хэрэгжүүлэхэд зориулж {amount} буцалтгүй тусламж олгоно.',
	'grantStaff.agreement.subjectTextPlain':
		'Хөтөлбөр нь Тусламж хүлээн авагчийн бизнес төлөвлөгөөг хэрэгжүүлэхэд зориулж {amount} буцалтгүй тусламж олгоно.',
	'grantStaff.agreement.lines': '3. Зарцуулах зардлын мөрүүд',
	'grantStaff.agreement.linesText':
		'Тусламжийг түүний бизнес төлөвлөгөөний дараах зардлын мөрүүдэд зарцуулна:',
	'grantStaff.agreement.line': 'Зардлын мөр',
	'grantStaff.agreement.planned': 'Төлөвлөсөн дүн',
	'grantStaff.agreement.total': 'Нийт',
	'grantStaff.agreement.noLines': 'Төлөвлөгөөнд зардлын мөр алга.',
	'grantStaff.agreement.schedule': '4. Олголтын хуваарь',
	'grantStaff.agreement.scheduleText':
		'Тусламжийг дараах хэсгүүдээр, хэсэг бүрийн нөхцөл хангагдсаны дараа олгоно. Хэсгүүдийн нийлбэр {amount}.',
	'grantStaff.agreement.tranche': 'Хэсэг',
	'grantStaff.agreement.amount': 'Дүн',
	'grantStaff.agreement.condition': 'Олгох нөхцөл',
	'grantStaff.agreement.obligations': '5. Тусламж хүлээн авагчийн үүрэг',
	'grantStaff.agreement.useForPlan':
		'Тусламжийг зөвхөн бизнес төлөвлөгөөний дээрх зардлын мөрүүдэд зарцуулах.',
	'grantStaff.agreement.keepReceipts': 'Худалдан авалт бүрийн баримтыг хадгалж, Хөтөлбөрт ирүүлэх.',
	'grantStaff.agreement.mentorVisits':
		'Гэрээнд гарын үсэг зурснаас хойш 12 сарын турш сумын зөвлөгчийн айлчлал, утсаар холбогдохыг хүлээн авах.',
	'grantStaff.agreement.reportChanges':
		'Бизнес, хаяг, утасны дугаар, төлөвлөгөөндөө гарсан өөрчлөлтийг Хөтөлбөрт даруй мэдэгдэх.',
	'grantStaff.agreement.signatures': 'Гарын үсэг',
	'grantStaff.agreement.grantee': 'Тусламж хүлээн авагч',
	'grantStaff.agreement.forProgramme': 'Хөтөлбөрийг төлөөлж',
	'grantStaff.agreement.witness': 'Гэрч',
	'grantStaff.agreement.name': 'Овог нэр',
	'grantStaff.agreement.signature': 'Гарын үсэг',
	'grantStaff.agreement.signedOn': 'Гарын үсэг зурсан огноо'
};
