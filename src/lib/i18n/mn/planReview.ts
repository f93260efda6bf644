// Mongolian messages of the planReview area: the coordinators' list of plans, one plan with
// its comments, versions and return for revision, and the mentor's read-only view.
export const planReview = {
	'planReview.title': 'Бизнес төлөвлөгөөнүүд',
	'planReview.counts': 'Төлөвөөр',
	'planReview.allStates': 'Бүгд',
	'planReview.state': 'Төлөв',
	'planReview.filter': 'Шүүх',
	'planReview.none': 'Энэ шүүлтүүрт тохирох оролцогч алга.',
	'planReview.version': 'Хувилбар',
	'planReview.versionN': '{version}-р хувилбар',
	'planReview.submittedAt': 'Илгээсэн',
	'planReview.submittedOn': 'Илгээсэн: {date}',
	'planReview.returnedAt': 'Буцаасан',
	'planReview.grantRequested': 'Хүссэн буцалтгүй тусламж',
	'planReview.deadline.none': 'Энэ бүлэгт төлөвлөгөө илгээх эцсийн хугацаа тогтоогоогүй байна.',
	'planReview.deadline.days': 'Төлөвлөгөө илгээх эцсийн хугацаа дуусахад {days} хоног үлдлээ.',
	'planReview.deadline.today': 'Төлөвлөгөө илгээх эцсийн хугацаа өнөөдөр дуусна.',
	'planReview.deadline.passed': 'Төлөвлөгөө илгээх эцсийн хугацаа өнгөрсөн.',
	'planReview.deadline.on': 'эцсийн хугацаа {date}',
	'planReview.planOf': 'Бизнес төлөвлөгөө: {name}',
	'planReview.returnReason': 'Засварт буцаасан шалтгаан',
	'planReview.versions': 'Хувилбарын түүх',
	'planReview.versions.none': 'Одоогоор илгээсэн хувилбар алга.',
	'planReview.return.title': 'Засварт буцаах',
	'planReview.return.hint':
		'Буцаахад түүнд засах шинэ ноорог нээгдэнэ. Илгээсэн хувилбар нь өөрчлөгдөхгүй хадгалагдана.',
	'planReview.return.reason': 'Юуг засах вэ (шалтгаан)',
	'planReview.return.submit': 'Засварт буцаах',
	'planReview.returned': 'Төлөвлөгөөг засварт буцаалаа. Түүнд шинэ ноорог нээгдлээ.',
	'planReview.comment.label': 'Сэтгэгдэл: {section}',
	'planReview.comment.submit': 'Сэтгэгдэл нэмэх',
	'planReview.comment.added': 'Сэтгэгдэл нэмэгдлээ.',
	'planReview.print': 'Хэвлэх',
	'planReview.print.hint': 'Илгээсэн хувилбар өөрчлөгдөхгүй. A4 хуудсанд хэвлэж болно.',
	'planReview.mentor.title': 'Оролцогчийн бизнес төлөвлөгөө',
	'planReview.mentor.hint':
		'Та төлөвлөгөөг үзэж, хэсэг бүрт сэтгэгдэл үлдээж болно. Засах эрх зөвхөн түүнд байна.',
	'planReview.mentor.plan': 'Бизнес төлөвлөгөө',
	'planReview.mentor.openPlan': 'Төлөвлөгөө үзэх ({code})',
	'planReview.error.reasonShort': 'Буцаах шалтгааныг дор хаяж 5 тэмдэгтээр бичнэ үү.',
	'planReview.error.commentEmpty': 'Сэтгэгдлээ бичнэ үү.',
	'planReview.error.tooLong': 'Хэт урт байна: 2000 тэмдэгтээс ихгүй бичнэ үү.',
	'planReview.error.section': 'Төлөвлөгөөний хэсэг тодорхойгүй байна.',
	'planReview.error.inReview':
		'Хороо энэ төлөвлөгөөг үнэлж эхэлсэн тул буцаах боломжгүй. Үнэлгээчдийг эхлээд хасна уу.',
	'planReview.error.notSubmitted':
		'Энэ төлөвлөгөө илгээгдсэн төлөвт байхгүй тул буцаах боломжгүй. Хуудсаа шинэчилнэ үү.'
} satisfies Record<string, string>;
