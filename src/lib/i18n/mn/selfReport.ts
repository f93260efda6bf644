// Messages of the selfReport area: her own check-ins on /applicant/grant and the form where she
// adds her monthly figures (/applicant/grant/figures). Plain words: many participants read
// little and use a shared phone.
export const selfReport = {
	'selfReport.section.title': 'Миний бизнесийн уулзалтууд',
	'selfReport.section.intro':
		'Зөвлөгч тань бизнест тань сар бүр очиж эсвэл утсаар ярьж, явцыг тэмдэглэнэ. Та өөрөө ч сар бүрийн тоогоо оруулж болно.',
	'selfReport.section.mentor': 'Таны зөвлөгч',
	'selfReport.section.noMentor': 'Зөвлөгч хараахан томилогдоогүй байна.',
	'selfReport.section.nextVisit': 'Дараагийн уулзалт',
	'selfReport.section.nextBy': '{date} гэхэд',
	'selfReport.section.allDone': 'Бүх уулзалт хийгдсэн.',
	'selfReport.section.noSchedule': 'Уулзалтын хуваарь эхний хэсгийн мөнгийг олгосны дараа гарна.',
	'selfReport.section.visitsDone': 'Хийсэн уулзалт',
	'selfReport.section.visitsCount': '{done} / {total}',
	'selfReport.section.schedule': 'Уулзалтын хуваарийг харах',
	'selfReport.section.add': 'Энэ сарын тоогоо оруулах',
	'selfReport.section.addHint':
		'Сар бүр борлуулалт, зардлаа оруулбал зөвлөгч тань танд илүү сайн туслах боломжтой.',
	'selfReport.section.notYet': 'Гэрээгээ байгуулсны дараа сарын тоогоо оруулах боломжтой.',
	'selfReport.section.history': 'Уулзалт ба таны оруулсан тоо',
	'selfReport.saved': 'Баярлалаа! Таны сарын тоо хадгалагдлаа.',
	'selfReport.title': 'Сарын тоогоо оруулах',
	'selfReport.intro':
		'Бизнесийнхээ нэг сарын тоог бичнэ үү. Энэ нь «Өөрөө мэдээлсэн» гэж тэмдэглэгдэх бөгөөд зөвлөгч тань харна.',
	'selfReport.month.hint': 'Аль сарын тоо вэ? Жишээ нь: 2026-03',
	'selfReport.money.legend': 'Өнгөрсөн сарын мөнгө',
	'selfReport.money.hint': 'Бүхэл төгрөгөөр бичнэ үү, жишээ нь 850000. Байхгүй бол 0 гэж бичнэ.',
	'selfReport.customers.hint': 'Долоо хоногт ойролцоогоор хэдэн хүн худалдан авдаг вэ?',
	'selfReport.workers.hint': 'Бизнест хэдэн хүн ажилладаг вэ? Өөрөө ажилладаг бол эзэн = 1.',
	'selfReport.problems.hint': 'Заавал биш. Юу хүндрэлтэй байна вэ?',
	'selfReport.submit': 'Тоогоо хадгалах',
	'selfReport.cancel': 'Болих, буцах',
	'selfReport.fixBelow': 'Улаанаар тэмдэглэсэн хэсгийг засаад дахин хадгална уу.'
};
