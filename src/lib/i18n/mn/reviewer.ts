// Mongolian messages of the reviewer's pages (/review): her queue, the conflict-of-interest
// declaration, the blind plan, the score sheet and, once hers are in, the others' scores.
export const reviewer = {
	'reviewer.intro':
		'Төлөвлөгөө бүрийг нэргүй кодоор харуулна. Нээхдээ эхлээд ашиг сонирхлын зөрчлөө мэдүүлнэ.',
	'reviewer.progress': 'Илгээсэн: {submitted} / {total}',
	'reviewer.progressLabel': 'Үнэлгээний явц',
	'reviewer.col.state': 'Төлөв',
	'reviewer.col.yourTotal': 'Таны оноо',
	'reviewer.committeeLink': 'Хорооны эрэмбэ, шийдвэр',
	'reviewer.conflictRemoved':
		'Баярлалаа. Төлөвлөгөөг таны жагсаалтаас хаслаа; зохицуулагч үүнийг өөр гишүүнд шилжүүлнэ.',
	'reviewer.back': 'Миний үнэлэх төлөвлөгөөнүүд',
	'reviewer.planTitle': 'Төлөвлөгөө {code}',
	'reviewer.version': '{version}-р хувилбар',
	'reviewer.blindNote':
		'Нэр, утас, регистрийн дугаар, хаягийг нууцалсан. Сум харагдана, баг харагдахгүй.',
	'reviewer.declare.title': 'Ашиг сонирхлын зөрчлийн мэдүүлэг',
	'reviewer.declare.why':
		'Төлөвлөгөөг уншихаас өмнө мэдүүлнэ үү. Өргөдөл гаргагч таны хамаатан, хөрш, ажил олгогч, ажилтан эсвэл өрсөлдөгч байж магадгүй гэж үзвэл зөрчилтэй гэж сонгоно уу: төлөвлөгөөг таны жагсаалтаас хасч, зохицуулагч өөр гишүүнд шилжүүлнэ. Ингэснээр үнэлгээ шударга байна.',
	'reviewer.declare.question': 'Танд энэ төлөвлөгөөтэй холбоотой ашиг сонирхлын зөрчил байгаа юу?',
	'reviewer.declare.no': 'Надад ашиг сонирхлын зөрчил байхгүй',
	'reviewer.declare.yes': 'Надад ашиг сонирхлын зөрчил байна',
	'reviewer.declare.kind': 'Зөрчлийн төрөл',
	'reviewer.declare.kindHint': 'Зөрчилтэй бол сонгоно.',
	'reviewer.declare.note': 'Тайлбар (заавал биш)',
	'reviewer.declare.submit': 'Мэдүүлэх',
	'reviewer.toSheet': 'Үнэлгээний хуудас руу очих',
	'reviewer.sheet.title': 'Үнэлгээний хуудас',
	'reviewer.sheet.hint':
		'Шалгуур бүрт 1-ээс 5 хүртэл оноо өгч, товч тайлбар бичнэ үү. Ноорог хадгалаад дараа үргэлжлүүлж болно. Илгээсний дараа өөрчлөх боломжгүй; тэгэхэд бусад гишүүдийн оноо харагдана.',
	'reviewer.weight': 'Жин: {weight}',
	'reviewer.comment': 'Тайлбар',
	'reviewer.save': 'Ноорог хадгалах',
	'reviewer.submit': 'Оноо илгээх',
	'reviewer.saved': 'Ноорог хадгалагдлаа.',
	'reviewer.savedAt': 'Ноорог {time}-д хадгалсан',
	'reviewer.submittedAt': 'Та оноогоо {time}-д илгээсэн.',
	'reviewer.yourScores': 'Таны оноо',
	'reviewer.yourTotal': 'Таны нийт оноо',
	'reviewer.others.title': 'Бусад гишүүдийн оноо',
	'reviewer.others.none': 'Өөр гишүүн одоогоор оноо илгээгээгүй байна.',
	'reviewer.statistics': 'Төлөвлөгөөний үнэлгээний статистик',
	'reviewer.reviewCount': 'Илгээсэн үнэлгээ',
	'reviewer.noComment': 'Тайлбаргүй',
	'reviewer.plan': 'Бизнес төлөвлөгөө'
};
