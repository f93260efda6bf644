// Messages of the offline area: the check-ins waiting on the mentor's phone (the panel on her
// pages) and what the check-in form says when it keeps one there (lib/offline/).
export const offline = {
	'offline.panel.title': 'Энэ утсанд илгээгдэхийг хүлээж буй уулзалт ({count})',
	'offline.panel.hint':
		'Холболт сэргэмэгц өөрөө илгээгдэнэ. Утсаа бусадтай хамт хэрэглэдэг бол бүгд илгээгдэхээс өмнө системээс бүү гараарай.',
	'offline.panel.offlineNow': 'Та одоо холболтгүй байна.',
	'offline.panel.others':
		'Энэ утсанд өөр зөвлөгчийн {count} уулзалт хүлээж байна; тэр нэвтэрмэгц илгээгдэнэ.',
	'offline.item.on': 'Уулзсан өдөр: {day}',
	'offline.item.savedAt': 'Утсанд хадгалсан: {time}',
	'offline.state.waiting': 'Илгээгдэхийг хүлээж байна',
	'offline.state.sending': 'Илгээж байна…',
	'offline.state.refused': 'Хүлээж аваагүй',
	'offline.problem.offline': 'Сүүлд оролдоход холболт байсангүй ({time}).',
	'offline.problem.server': 'Сүүлд оролдоход сервер хариу өгсөнгүй ({time}).',
	'offline.problem.signedOut': 'Нэвтрэлт дууссан тул илгээж чадсангүй ({time}).',
	'offline.sendNow': 'Одоо илгээх',
	'offline.discard': 'Устгах',
	'offline.discardConfirm':
		'{code}-ийн {day}-ны уулзалтыг энэ утаснаас устгах уу? Серверт хадгалагдаагүй тул бүрмөсөн алга болно.',
	'offline.refusedHint':
		'Серверт хадгалагдаагүй. Доорх утгуудаар маягтыг дахин бөглөж болно; дараа нь үүнийг устгана уу.',
	'offline.values': 'Хадгалсан утгууд',
	'offline.photos': 'Зураг: {count}',
	'offline.openForm': 'Маягтыг нээх',
	'offline.notice.sending': '{code}: илгээж байна…',
	'offline.notice.saved':
		'{code}: энэ утсанд хадгаллаа; холболт сэргэхэд илгээгдэнэ. Дараагийн уулзалтыг бөглөж болно.',
	'offline.notice.savedServer':
		'{code}: энэ утсанд хадгаллаа; сервер одоогоор хариу өгсөнгүй, дараа дахин илгээнэ.',
	'offline.notice.savedSignedOut':
		'{code}: энэ утсанд хадгаллаа. Таны нэвтрэлт дууссан тул дахин нэвтэрсний дараа илгээгдэнэ.',
	'offline.notice.sent': 'Илгээгдлээ: {code}, {day}',
	'offline.notice.refused': '{code}-ийн уулзалтыг хүлээж авсангүй: {reason}',
	'offline.notice.signedOut':
		'Нэвтрэлт дууссан. Дахин нэвтэрнэ үү; уулзалтууд энэ утсанд хадгалагдсан хэвээр байна.',
	'offline.signIn': 'Дахин нэвтрэх',
	'offline.refused.notFound': 'Энэ оролцогч танд харагдахаа больсон.',
	'offline.refused.forbidden': 'Та энэ уулзалтыг бүртгэх эрхгүй байна.',
	'offline.refused.tooLarge': 'Зургууд илгээхэд хэт том байна.',
	'offline.refused.invalid': 'Маягтад алдаа байна.'
};
