// Mongolian messages of the grantOwn area: her own grant page and its card on her home page,
// and her mentor's grant page and list. Plain, warm words: she may read them on a small phone.
export const grantOwn = {
	'grantOwn.title': 'Миний буцалтгүй тусламж',
	'grantOwn.business': 'Бизнес',
	'grantOwn.amount': 'Танд олгох буцалтгүй тусламж',
	'grantOwn.paidSoFar': 'Одоогоор авсан',
	'grantOwn.remaining': 'Цаашид авах',
	'grantOwn.state': 'Одоогийн байдал',
	'grantOwn.state.agreementPending': 'Гэрээнд гарын үсэг зурах',
	'grantOwn.state.paymentDue': 'Мөнгө олгохоор бэлтгэж байна',
	'grantOwn.state.inPayment': 'Мөнгө олгохоор бэлтгэж байна',
	'grantOwn.state.awaitingVerification': 'Зөвлөгчийн айлчлалыг хүлээж байна',
	'grantOwn.state.completed': 'Бүрэн олгосон',
	'grantOwn.state.cancelled': 'Цуцлагдсан',
	'grantOwn.next.title': 'Дараа нь юу болох вэ, та юу хийх вэ',
	'grantOwn.next.agreementPending':
		'Гэрээндээ гарын үсэг зурахаар иргэний үнэмлэхээ авч сумын Засаг даргын Тамгын газарт ирээрэй.',
	'grantOwn.next.afterSigning': 'Гарын үсэг зурсны дараа эхний хэсэг ({amount}) танд олгогдоно.',
	'grantOwn.next.inPayment':
		'Хөтөлбөр танд {no}-р хэсгийн мөнгийг ({amount}) олгохоор бэлтгэж байна. Танаас одоо юу ч хийх шаардлагагүй.',
	'grantOwn.next.awaitingVerification':
		'Таны зөвлөгч бизнест тань ирж, ажиллаж байгааг харна. Үүний дараа {no}-р хэсэг ({amount}) олгогдоно.',
	'grantOwn.next.keepReceipts':
		'Худалдаж авсан зүйлийнхээ баримтыг хадгалж, доор зургийг нь оруулаарай.',
	'grantOwn.next.completed':
		'Таны буцалтгүй тусламжийг бүрэн олгосон. Баримтаа үргэлжлүүлэн оруулж, зөвлөгчтэйгөө уулзсаар байгаарай.',
	'grantOwn.next.cancelled':
		'Энэ буцалтгүй тусламжийн шийдвэр цуцлагдсан. Асуух зүйл байвал хөтөлбөрийн ажилтантай холбогдоорой.',
	'grantOwn.noAction': 'Танаас одоо юу ч хийх шаардлагагүй.',
	'grantOwn.history.title': 'Авсан мөнгө',
	'grantOwn.history.empty': 'Одоогоор мөнгө олгоогүй байна.',
	'grantOwn.history.paidOn': 'Олгосон өдөр',
	'grantOwn.agreement.title': 'Гэрээ',
	'grantOwn.agreement.signed': 'Та {date} өдөр гэрээнд гарын үсэг зурсан.',
	'grantOwn.agreement.notSigned': 'Гэрээнд одоогоор гарын үсэг зураагүй байна.',
	'grantOwn.agreement.open': 'Гэрээгээ харах, хэвлэх',
	'grantOwn.verified':
		'Зөвлөгч {name} {date} өдөр ирж, бизнес тань ажиллаж байгааг баталгаажуулсан.',
	'grantOwn.receiptsHint':
		'Мөнгөө юунд зарцуулснаа харуулахын тулд баримт бүрийг төлөвлөгөөнийхөө зардлын мөртэй холбож оруулна.',
	'grantOwn.card.title': 'Буцалтгүй тусламж',
	'grantOwn.card.summary': 'Нийт {amount}, үүнээс {paid} авсан.',
	'grantOwn.card.open': 'Буцалтгүй тусламжаа харах',
	'grantOwn.mentor.title': 'Буцалтгүй тусламж · {name}',
	'grantOwn.mentor.name': 'Оролцогч',
	'grantOwn.mentor.soum': 'Сум',
	'grantOwn.mentor.history': 'Олгосон мөнгө',
	'grantOwn.mentor.needsYou': 'Таны баталгаажуулалт хэрэгтэй',
	'grantOwn.verify.done': '{name} {date} өдөр очиж, бизнес ажиллаж байгааг баталгаажуулсан.'
};
