// Mongolian messages of erasure: a participant's personal data removed after the retention
// period or on her request (staff participant page).
export const erasure = {
	'erasure.title': 'Хувийн мэдээллийг нь устгах',
	'erasure.label': 'Мэдээлэл нь устгагдсан оролцогч',
	'erasure.rule':
		'Түүний мэдээллийг хөтөлбөрийн сүүлийн үйл ажиллагаанаас ({last}) хойш {years} жил хадгална. Тэр өөрөө хүсвэл хэзээ ч устгаж болно.',
	'erasure.eligibleNow': 'Хадгалах хугацаа {date}-нд дууссан: мэдээллийг нь устгаж болно.',
	'erasure.notYet':
		'Хадгалах хугацаа {date}-нд дуусна. Түүнээс өмнө зөвхөн өөрийнх нь хүсэлтээр устгана.',
	'erasure.incomplete':
		'Мэдээллийг нь устгах ажиллагаа эхэлсэн боловч дуусаагүй. Дахин ажиллуулж дуусгана уу.',
	'erasure.removed':
		'Устах зүйл: нэр, утас, регистрийн дугаар, хаяг болон бусад хувийн мэдээлэл; түүний тухай бичсэн бүхэн (төлөвлөгөөний бичвэр, сэтгэгдэл, уулзалтын болон хамгааллын тэмдэглэл); дансны мэдээлэл; баримт, зургийн файлууд; нэвтрэх эрх.',
	'erasure.kept':
		'Үлдэх зүйл: түүний код, сум, шат, огноо, оноо, дүн, ирц, уулзалтын тоо баримт, зөвшөөрлийн шийдвэр — тайлангийн тоонууд өөрчлөгдөхгүй.',
	'erasure.field.basis': 'Үндэслэл',
	'erasure.basis.retention': 'Хадгалах хугацаа дууссан',
	'erasure.basis.request': 'Өөрөө хүссэн',
	'erasure.field.reason': 'Шалтгаан',
	'erasure.reason.retention_ended': 'Хадгалах хугацаа дууссан',
	'erasure.reason.written_request': 'Бичгээр хүсэлт гаргасан',
	'erasure.reason.verbal_request': 'Амаар хүссэн (гэрчтэй)',
	'erasure.reason.consent_withdrawn': 'Зөвшөөрлөө цуцалсан',
	'erasure.reason.safety': 'Аюулгүй байдлын шалтгаан',
	'erasure.field.confirmation': 'Баталгаажуулахын тулд түүний кодыг бичнэ үү: {code}',
	'erasure.hint.confirmation': 'Буцаах боломжгүй.',
	'erasure.submit': 'Хувийн мэдээллийг нь устгах',
	'erasure.done': 'Түүний хувийн мэдээлэл устгагдлаа.',
	'erasure.erasedOn': '{date}-нд {name} устгасан.',
	'erasure.byUnknown': 'тодорхойгүй ажилтан',
	'erasure.error.basis': 'Үндэслэлээ сонгоно уу.',
	'erasure.error.reason': 'Шалтгаанаа сонгоно уу.',
	'erasure.error.confirmation': 'Түүний кодыг бичнэ үү.',
	'erasure.error.reasonNotForBasis': 'Энэ шалтгаан сонгосон үндэслэлд тохирохгүй байна.',
	'erasure.error.confirmationMismatch': 'Бичсэн код түүний кодтой таарахгүй байна.',
	'erasure.error.notYetEligible':
		'Хадгалах хугацаа {date} хүртэл дуусахгүй: одоо зөвхөн түүний хүсэлтээр устгаж болно.'
};
