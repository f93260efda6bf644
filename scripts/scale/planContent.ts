// Business plans for the scale programme: eight kinds of business of Umnugobi, each plan
// scaled and worded a little differently, with figures that pass the portal's own rules
// (lib/domain/businessPlan: the grant is the start-up total less her own money and other
// sources, within the cohort's cap).
import {
	PLAN_SECTIONS,
	emptyPlanContent,
	planProblems,
	startupTotals,
	type PlanContent
} from '$lib/domain/businessPlan';
import type { PlanTemplate } from '$lib/server/db/seed/demoPlans';
import { roundTo, type Random } from './random';

interface Template extends PlanTemplate {
	employees: number;
}

const FLAT = [1, 1, 1, 1.3, 1, 1, 1, 1, 1, 1.1, 1, 1];

const TEMPLATES: Template[] = [
	{
		type: 'tailoring',
		names: ['Хээ оёдол', 'Сүлжээс', 'Торгон утас'],
		description: 'Дээл, хүүхдийн хувцас оёж, засвар үйлчилгээ үзүүлнэ.',
		experience: 'Арван жил гэрээрээ оёдол хийсэн, мэргэжлийн курс төгссөн.',
		customers: 'Сумын төвийн айлууд, сургуулийн сурагчид, уурхайн ажилчид.',
		needs: 'Засвар, захиалгат оёдол ойрхон, хурдан хийлгэх.',
		competitors: 'Захын байранд нэг оёдолчин бий.',
		advantage: 'Захиалгыг гэрээс нь авч, хугацаанд нь хүргэнэ.',
		product: 'Дээл, дүрэмт хувцас, засвар.',
		price: 'Засвар 5-20 мянга, дээл 200 мянган төгрөг.',
		place: 'Төв гудамжны түрээсийн өрөө.',
		promotion: 'Сумын фэйсбүүк бүлэг, сургуулийн эцэг эхийн хурал.',
		items: [
			{ item: 'Оёдлын машин', quantity: 2, unitPrice: 1_150_000 },
			{ item: 'Оверлок машин', quantity: 1, unitPrice: 880_000 },
			{ item: 'Даавуу (метр)', quantity: 40, unitPrice: 14_000 }
		],
		workingCapital: 400_000,
		sales: 950_000,
		costShare: 0.55,
		season: [1, 0.9, 1, 1.5, 2, 0.9, 0.9, 1, 1, 1.2, 1.1, 1.3],
		risks: 'Машин эвдрэх, зун захиалга цөөрөх.',
		mitigation: 'Засварын мөнгө нөөцөлнө, зун цүнх оёж зарна.',
		employees: 0
	},
	{
		type: 'bakery',
		names: ['Өглөөний талх', 'Шинэ боов', 'Алтан тариа'],
		description: 'Өдөр бүр талх, боорцог, бялуу хийж дэлгүүрүүдэд нийлүүлнэ.',
		experience: 'Уурхайн гал тогоонд таван жил туслах тогооч хийсэн.',
		customers: 'Сумын дэлгүүрүүд, сургуулийн гуанз, айлууд.',
		needs: 'Өдөр бүр шинэ талх; одоо аймгаас зөөж авчирдаг.',
		competitors: 'Аймгаас ирдэг талх, нэг жижиг цех.',
		advantage: 'Шинэхэн, хүргэлттэй, захиалгаар бялуу хийнэ.',
		product: 'Талх, боорцог, бялуу.',
		price: 'Талх 2,500, бялуу 35,000 төгрөг.',
		place: 'Гэрийн хажуугийн жижиг цех.',
		promotion: 'Дэлгүүрүүдтэй гэрээ, баярын урьдчилсан захиалга.',
		items: [
			{ item: 'Талхны зуух', quantity: 1, unitPrice: 2_050_000 },
			{ item: 'Зуурагч машин', quantity: 1, unitPrice: 930_000 },
			{ item: 'Хэв, тавиур', quantity: 10, unitPrice: 33_000 }
		],
		workingCapital: 600_000,
		sales: 1_350_000,
		costShare: 0.62,
		season: [1, 1, 1.1, 1.3, 1.8, 1, 1, 1, 1.1, 1, 1, 1],
		risks: 'Гурилын үнэ өсөх, цахилгаан тасрах.',
		mitigation: 'Гурилыг бөөнөөр авна; генератор түрээслэх тохиролцоотой.',
		employees: 1
	},
	{
		type: 'shop',
		names: ['Өрхийн дэлгүүр', 'Хүнсний цэг', 'Ойрхон маркет'],
		description: 'Хүнс, ахуйн бараа зарах жижиг дэлгүүр.',
		experience: 'Ахынхаа дэлгүүрт гурван жил худалдагч хийсэн.',
		customers: 'Шинэ хорооллын 300 орчим өрх.',
		needs: 'Хорооллын ойролцоо дэлгүүр алга.',
		competitors: 'Төвийн хоёр том дэлгүүр (1.5 км).',
		advantage: 'Ойрхон, орой 22 цаг хүртэл ажиллана.',
		product: 'Хүнс, ундаа, ахуйн бараа.',
		price: 'Зах зээлийн үнээр, 15% нэмэгдэлтэй.',
		place: 'Хорооллын уулзвар дахь контейнер.',
		promotion: 'Нээлтийн хямдрал, өрх бүрт зарлал.',
		items: [
			{ item: 'Хөргөгч', quantity: 2, unitPrice: 1_080_000 },
			{ item: 'Лангуу, тавиур', quantity: 4, unitPrice: 175_000 },
			{ item: 'Касс, жин', quantity: 1, unitPrice: 440_000 }
		],
		workingCapital: 900_000,
		sales: 2_300_000,
		costShare: 0.82,
		season: FLAT,
		risks: 'Зээлээр зарах, барааны хугацаа дуусах.',
		mitigation: 'Зээлээр зарахгүй; барааг хоёр долоо хоногоор авна.',
		employees: 0
	},
	{
		type: 'hairdressing',
		names: ['Гоо сайхан', 'Гэрэлт үсчин', 'Сайхан төрх'],
		description: 'Үс засалт, будалт, хумсны үйлчилгээ.',
		experience: 'Мэргэжлийн сургууль төгсөж дөрвөн жил үсчин хийсэн.',
		customers: 'Сумын эмэгтэйчүүд, сурагчид, уурхайн ажилчид.',
		needs: 'Сумын төвд ганц үсчин бий, дараалал урт.',
		competitors: 'Нэг үсчин, аймгийн төвийн салонууд.',
		advantage: 'Цаг захиалгатай, орой ажиллана.',
		product: 'Үс засах, будах, хумс.',
		price: 'Засалт 10,000, будалт 45,000 төгрөг.',
		place: 'Худалдааны төвийн түрээсийн өрөө.',
		promotion: 'Фэйсбүүк, найзаа авчирвал хөнгөлөлт.',
		items: [
			{ item: 'Үсчний сандал', quantity: 2, unitPrice: 640_000 },
			{ item: 'Толь, тавиур', quantity: 2, unitPrice: 270_000 },
			{ item: 'Багаж, будаг', quantity: 1, unitPrice: 880_000 }
		],
		workingCapital: 500_000,
		sales: 1_100_000,
		costShare: 0.5,
		season: [1, 1.1, 1.2, 1.5, 1.7, 1, 1, 1, 1, 1.1, 1, 1.2],
		risks: 'Түрээс өсөх.',
		mitigation: 'Урт хугацааны түрээсийн гэрээ хийнэ.',
		employees: 0
	},
	{
		type: 'felt',
		names: ['Эсгий урлал', 'Говийн бэлэг', 'Ноосон гутал'],
		description: 'Эсгий гутал, бэлэг дурсгалын зүйл хийж жуулчдад зарна.',
		experience: 'Ээжээсээ эсгий хийж сурсан, аймгийн үзэсгэлэнд оролцсон.',
		customers: 'Жуулчны баазууд, уурхайн зочид, аймгийн дэлгүүр.',
		needs: 'Орон нутгийн гар урлалын бэлэг.',
		competitors: 'Улаанбаатарын үйлдвэрийн бараа.',
		advantage: 'Гар хийцийн, говийн хээтэй.',
		product: 'Эсгий гутал, хивс, тоглоом.',
		price: 'Гутал 45,000, тоглоом 12,000 төгрөг.',
		place: 'Гэртээ хийж, баазуудад тавина.',
		promotion: 'Жуулчны баазуудтай гэрээ, инстаграм.',
		items: [
			{ item: 'Ноос угаах, самнах багаж', quantity: 1, unitPrice: 1_350_000 },
			{ item: 'Ноос (кг)', quantity: 60, unitPrice: 8_000 },
			{ item: 'Хэв, будаг', quantity: 1, unitPrice: 310_000 }
		],
		workingCapital: 500_000,
		sales: 820_000,
		costShare: 0.45,
		season: [0.7, 0.6, 0.6, 0.8, 1.2, 0.6, 0.8, 1.2, 1.6, 1.8, 1.5, 1],
		risks: 'Жуулчин цөөрөх.',
		mitigation: 'Өвөл аймгийн дэлгүүр, онлайнаар зарна.',
		employees: 0
	},
	{
		type: 'greenhouse',
		names: ['Ногоон хүлэмж', 'Говийн ногоо', 'Шинэ ургац'],
		description: 'Хүлэмжинд өргөст хэмх, улаан лооль, навчит ногоо тариална.',
		experience: 'Хөдөө аж ахуйн сургалтад хамрагдсан, хоёр жил гэрийн хүлэмжтэй.',
		customers: 'Сумын дэлгүүрүүд, сургуулийн гал тогоо, уурхайн хоолны газар.',
		needs: 'Шинэ ногоо хомс, үнэтэй.',
		competitors: 'Хятадаас орж ирдэг ногоо.',
		advantage: 'Шинэ, орон нутгийн, хүргэлттэй.',
		product: 'Хэмх, лооль, салат, ногоон сонгино.',
		price: 'Хэмх 4,000/кг, лооль 6,000/кг.',
		place: 'Гэрийн хашаанд 60 м² хүлэмж.',
		promotion: 'Сургууль, хоолны газартай гэрээ.',
		items: [
			{ item: 'Хүлэмжийн хийц, бүрээс', quantity: 1, unitPrice: 2_550_000 },
			{ item: 'Дуслын усалгаа', quantity: 1, unitPrice: 470_000 },
			{ item: 'Үр, бордоо', quantity: 1, unitPrice: 240_000 }
		],
		workingCapital: 300_000,
		sales: 720_000,
		costShare: 0.35,
		season: [0.4, 0.2, 0.2, 0.3, 0.4, 0.9, 1.3, 1.6, 1.7, 1.6, 1.3, 0.9],
		risks: 'Хүйтэн, салхи, ус хүрэлцэхгүй байх.',
		mitigation: 'Давхар бүрээс, усны сав нэмнэ.',
		employees: 1
	},
	{
		type: 'dairy',
		names: ['Цагаан идээ', 'Тараг, ааруул', 'Сүүн амт'],
		description: 'Айлуудаас сүү авч тараг, ааруул, өрөм хийж зарна.',
		experience: 'Малчин айлд өсөж, цагаан идээ хийж зарсан туршлагатай.',
		customers: 'Сумын дэлгүүрүүд, айл өрх.',
		needs: 'Ариун цэврийн шаардлага хангасан орон нутгийн сүүн бүтээгдэхүүн.',
		competitors: 'Зах дээр зардаг айлууд.',
		advantage: 'Савлагаатай, шошготой, тогтмол нийлүүлнэ.',
		product: 'Тараг, ааруул, өрөм.',
		price: 'Тараг 3,000/л, ааруул 25,000/кг.',
		place: 'Гэрийн жижиг цех.',
		promotion: 'Дэлгүүрүүдэд туршилтаар тавина.',
		items: [
			{ item: 'Сепаратор', quantity: 1, unitPrice: 1_450_000 },
			{ item: 'Хөргөгч', quantity: 1, unitPrice: 1_080_000 },
			{ item: 'Сав, баглаа боодол', quantity: 1, unitPrice: 340_000 }
		],
		workingCapital: 450_000,
		sales: 1_000_000,
		costShare: 0.6,
		season: [0.8, 0.6, 0.5, 0.5, 0.7, 0.6, 0.9, 1.3, 1.6, 1.6, 1.4, 1.1],
		risks: 'Өвөл сүү цөөрөх.',
		mitigation: 'Өвөлд ааруул, өрөм нөөцөлж зарна.',
		employees: 0
	},
	{
		type: 'other',
		names: ['Гэр гуанз', 'Халуун хоол', 'Бууз, банш'],
		description: 'Жолооч, уурхайн ажилчдад халуун хоол, бууз, банш хийж зарна.',
		experience: 'Хоолны газарт зургаан жил тогооч хийсэн.',
		customers: 'Замын хөдөлгөөнд оролцогчид, уурхайн гэрээт ажилчид.',
		needs: 'Замын дагуу халуун хоол авах газар цөөн.',
		competitors: 'Сумын төвийн хоёр гуанз.',
		advantage: 'Замын уулзварт байрлалтай, хурдан үйлчилгээтэй.',
		product: 'Цуйван, бууз, банш, цай.',
		price: 'Хоол 12,000, бууз 1,200 төгрөг.',
		place: 'Замын уулзвар дахь гэр.',
		promotion: 'Замын тэмдэг, жолооч нарын бүлэг.',
		items: [
			{ item: 'Зуух, тогоо', quantity: 1, unitPrice: 1_200_000 },
			{ item: 'Ширээ, сандал', quantity: 6, unitPrice: 120_000 },
			{ item: 'Хөлдөөгч', quantity: 1, unitPrice: 980_000 }
		],
		workingCapital: 700_000,
		sales: 1_600_000,
		costShare: 0.66,
		season: [1, 0.8, 0.7, 0.8, 1, 0.9, 1, 1.1, 1.2, 1.2, 1.2, 1.1],
		risks: 'Зам засвартай үед үйлчлүүлэгч цөөрөх.',
		mitigation: 'Уурхайн гэрээт компанид хоол хүргэх гэрээ хийнэ.',
		employees: 1
	}
];

export const TEMPLATE_COUNT = TEMPLATES.length;

export interface GeneratedPlan {
	content: PlanContent;
	/** What her business does month by month against its plan (0.6 to 1.3). */
	performance: number;
	costShare: number;
}

/** A complete plan that passes the portal's submission rules at `grantCapMnt`. */
export function planContent(
	rand: Random,
	{ soumName, grantCapMnt }: { soumName: string; grantCapMnt: number }
): GeneratedPlan {
	const template = TEMPLATES[rand.weighted([3, 2, 3, 2, 1, 1, 2, 2])] as Template;
	const scale = rand.between(0.85, 1.25);
	const content = emptyPlanContent();
	const name = rand.pick(template.names);
	content.idea = {
		businessName: rand.chance(0.3) ? `${soumName} ${name}` : name,
		businessType: template.type,
		description: template.description,
		experience: template.experience
	};
	content.market = {
		customers: template.customers,
		customerNeeds: template.needs,
		marketSize: `Ойролцоогоор ${roundTo(rand.between(600, 3200), 100)} өрх.`
	};
	content.competitors = { competitors: template.competitors, advantage: template.advantage };
	content.marketing = {
		product: template.product,
		price: template.price,
		place: template.place,
		promotion: template.promotion
	};
	const employees = template.employees + (rand.chance(0.15) ? 1 : 0);
	content.people = {
		owner: 'Би өөрөө бүтэн цагаар ажиллана.',
		family: rand.pick(['Нөхөр маань тусална.', 'Том охин маань тусална.', '']),
		employees,
		employeesPlan: employees ? 'Эхний жилдээ нэг туслах ажилтан авна.' : ''
	};
	content.legal = {
		legalForm: rand.pick(['individual', 'individual', 'individual', 'cooperative', 'not_yet']),
		licences: rand.chance(0.7) ? 'Сумын Засаг даргын зөвшөөрөл' : ''
	};
	content.startup = {
		items: template.items.map((item) => ({
			...item,
			unitPrice: roundTo(item.unitPrice * scale, 1000)
		})),
		workingCapital: roundTo(template.workingCapital * scale, 10_000)
	};
	content.forecast = {
		months: template.season.map((factor) => {
			const sales = roundTo(template.sales * scale * factor, 10_000);
			return { sales, costs: roundTo(sales * template.costShare + 110_000, 10_000) };
		})
	};
	const total = startupTotals(content.startup).total;
	const other = rand.chance(0.12) ? roundTo(total * 0.1, 10_000) : 0;
	let own = roundTo(total * rand.between(0.1, 0.2), 10_000);
	// Never more than the cap: she brings the rest herself.
	own = Math.max(own, total - other - grantCapMnt);
	content.funding = {
		ownContribution: own,
		grantRequested: total - own - other,
		otherSources: other,
		otherSourcesNote: other ? 'Хадгаламж зээлийн хоршооны зээл' : ''
	};
	content.risks = { risks: template.risks, mitigation: template.mitigation };
	const problems = planProblems(content, grantCapMnt);
	if (problems.length) {
		throw new Error(`A generated plan breaks the rules: ${JSON.stringify(problems[0])}`);
	}
	return { content, performance: rand.between(0.6, 1.3), costShare: template.costShare };
}

/** A draft part-way: the first `sections` sections written, the rest not yet. */
export function partialContent(content: PlanContent, sections: number): PlanContent {
	const draft = emptyPlanContent();
	for (const section of PLAN_SECTIONS.slice(0, sections)) {
		(draft as unknown as Record<string, unknown>)[section] = structuredClone(content[section]);
	}
	return draft;
}
