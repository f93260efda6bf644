// Mongolian messages of the indicators area: the donor indicators page, its CSV and JSON, and
// the printable donor report (/staff/reports/indicators).
export const indicators = {
	'indicators.title': 'Донорын үзүүлэлт',
	'indicators.intro':
		'Хөтөлбөрийн үзүүлэлт хоёр баганаар: хөтөлбөрийн дотоод тоо (бүх оролцогч, яг тоогоор) ба донорт илгээх тайлан (зөвхөн зөвшөөрөл өгсөн оролцогчид, цөөн хүнтэй нүдийг нууна).',
	'indicators.asOf': '{time}-ийн байдлаар',
	'indicators.back': 'Хөтөлбөрийн самбар',
	'indicators.chooser.label': 'Бүлэг',
	'indicators.chooser.submit': 'Харуулах',

	'indicators.figures': 'Үзүүлэлтүүд',
	'indicators.table.caption': 'Үзүүлэлтүүд, бүлэг: {cohort}',
	'indicators.col.indicator': 'Үзүүлэлт',
	'indicators.col.programme': 'Хөтөлбөрийн тоо',
	'indicators.col.donor': 'Донорын тайлан',
	'indicators.col.value': 'Утга',
	'indicators.col.soum': 'Сум',

	'indicators.key.trainedLifeSkills':
		'Амьдрах ухаан, орлого бий болгох сургалтад хамрагдсан эмэгтэйчүүд',
	'indicators.key.trainedBusinessPlan':
		'Бизнес төлөвлөгөө боловсруулах сургалтад хамрагдсан эмэгтэйчүүд',
	'indicators.key.officialsTrained': 'Сургалтад хамрагдсан төрийн албан хаагчид',
	'indicators.key.officialsTrainers': 'Сургагч багш болсон албан хаагчид',
	'indicators.key.plansSubmitted': 'Илгээсэн бизнес төлөвлөгөө',
	'indicators.key.grantsAwarded': 'Олгохоор шийдвэрлэсэн буцалтгүй тусламж',
	'indicators.key.firstTranchePaid': 'Эхний хэсэг нь олгогдсон буцалтгүй тусламж',
	'indicators.key.totalPaidMnt': 'Нийт олгосон дүн (₮)',
	'indicators.key.operatingLatest': 'Сүүлийн уулзалтаар үйл ажиллагаа явуулж буй бизнес',
	'indicators.key.indirectBeneficiaries': 'Шууд бус ашиг хүртэгчид (тооцоо)',

	'indicators.referral.title': 'Оролцогчид хэн чиглүүлснээр',
	'indicators.referral.row': 'Чиглүүлсэн: {source}',
	'indicators.share': '{count} ({share}%)',

	'indicators.explain':
		'Донорын тайланд мэдээллээ ашиглуулах зөвшөөрөлгүй {excluded} эмэгтэйг донорын баганад тоолоогүй ({included} эмэгтэйг тоолсон). 5-аас цөөн хүнтэй нүдэнд «<5» гэж бичнэ: ингэснээр хэнийг ч ялгаж танихгүй.',
	'indicators.bySoum.title': 'Донорын тайлан, сумаар',
	'indicators.bySoum.hint':
		'Нэг баганад ганц нүд нуугдсан бол нийлбэрээс нь тооцоолж болохгүйн тулд өөр нэг нүдийг бас нууна.',
	'indicators.step.lifeSkills': 'Амьдрах ухааны сургалт',
	'indicators.step.businessPlan': 'Бизнес төлөвлөгөөний сургалт',
	'indicators.step.planSubmitted': 'Төлөвлөгөө илгээсэн',
	'indicators.step.awarded': 'Тусламж шийдвэрлэсэн',
	'indicators.step.firstPaid': 'Эхний хэсэг олгосон',

	'indicators.downloads': 'Тайлан татах',
	'indicators.link.csv': 'CSV татах',
	'indicators.link.print': 'Хэвлэх хувилбар',
	'indicators.link.json': 'JSON',
	'indicators.downloadsHint':
		'CSV файл ба хэвлэх хувилбарт зөвхөн донорын тайлангийн тоо орно. Татсан, хэвлэсэн бүрийг аудитын бүртгэлд тэмдэглэнэ.',

	'indicators.indirect.title': 'Шууд бус ашиг хүртэгчид',
	'indicators.indirect.label': 'Шууд бус ашиг хүртэгчдийн тоо',
	'indicators.indirect.hint':
		'Хөтөлбөрт шууд оролцоогүй ч үр шимийг нь хүртсэн шилжин ирэгсдийн тооцоо. 0-ээс 10 000 000 хүртэлх бүхэл тоо.',
	'indicators.indirect.submit': 'Хадгалах',
	'indicators.indirect.saved': 'Шууд бус ашиг хүртэгчдийн тоо хадгалагдлаа.',

	'indicators.error.indirect': '0-ээс 10 000 000 хүртэлх бүхэл тоо оруулна уу.',
	'indicators.error.noCohort': 'Ийм бүлэг олдсонгүй.',
	'indicators.error.forbidden': 'Энэ тайланг зөвхөн хөтөлбөрийн зохицуулагч үзнэ.',

	'indicators.report.title': 'Донорт зориулсан тайлан',
	'indicators.report.programme': 'Хөтөлбөр',
	'indicators.report.cohort': 'Бүлэг',
	'indicators.report.date': 'Огноо',
	'indicators.report.included': 'Тоолсон оролцогч',
	'indicators.report.excluded': 'Зөвшөөрөлгүй тул хассан',
	'indicators.report.suppression':
		'5-аас цөөн хүнтэй нүдэнд «<5» гэж бичсэн; 5-аас цөөн хүнд олгосон мөнгөн дүнг ч мөн нууна. Шууд бус ашиг хүртэгчдийн тоо бол тооцоо.',
	'indicators.report.consent':
		'Донорын тайланд мэдээллээ ашиглуулах зөвшөөрлөө өгөөгүй эсвэл буцаасан {excluded} оролцогчийг тайланд оруулаагүй.',
	'indicators.print.button': 'Хэвлэх',
	'indicators.print.back': 'Үзүүлэлт рүү буцах'
} as const;
