// The demo's business plans: of the 50 women who completed the business-plan course, 40
// submitted plans (3 of them returned once and resubmitted, so they have two versions), 6 are
// drafting, 4 have not started. Varied, realistic businesses of Umnugobi with numbers that
// pass the programme's rules (grant = start-up - own - other, within the cap).
import { Types } from 'mongoose';
import {
	PLAN_SECTIONS,
	emptyPlanContent,
	startupTotals,
	type BusinessType,
	type PlanContent,
	type StartupItem
} from '$lib/domain/businessPlan';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { Participant } from '$lib/server/db/models/participant';
import { PlanSectionDraft } from '$lib/server/db/models/planSectionDraft';
import { PlanVersion } from '$lib/server/db/models/planVersion';

/** A kind of business a demo (or scale) plan is written from. */
export interface PlanTemplate {
	type: BusinessType;
	names: string[];
	description: string;
	experience: string;
	customers: string;
	needs: string;
	competitors: string;
	advantage: string;
	product: string;
	price: string;
	place: string;
	promotion: string;
	items: StartupItem[];
	workingCapital: number;
	/** Typical monthly sales and the share of them spent on costs. */
	sales: number;
	costShare: number;
	/** Month-by-month multipliers: Tsagaan Sar (month 1 = March here, so 12 = February), Naadam. */
	season: number[];
	risks: string;
	mitigation: string;
}

const FLAT = [1, 1, 1, 1, 1.1, 1, 1, 1, 1, 1, 1.1, 1.2];
const TEMPLATES: PlanTemplate[] = [
	{
		type: 'tailoring',
		names: ['Саран оёдол', 'Дээл оёдлын газар', 'Ганган оёдол'],
		description: 'Дээл, сургуулийн дүрэмт хувцас оёж, хувцас засварлана.',
		experience: 'Гэртээ 8 жил оёдол хийсэн, 2019 онд оёдлын курс төгссөн.',
		customers: 'Сумын төвийн өрхүүд, уурхайн гэрээт компанийн ажилчид.',
		needs: 'Засвар хурдан, Цагаан сараар дээл ойрхон оёдог газар.',
		competitors: 'Захын байранд нэг оёдолчин бий.',
		advantage: 'Долоо хоногт 6 өдөр ажиллаж, гэрээс нь авч хүргэнэ.',
		product: 'Дээл, дүрэмт хувцас, засвар.',
		price: 'Засвар 5-15 мянга, дээл 180 мянган төгрөг.',
		place: 'Багийн төвийн хажууд түрээсийн өрөө.',
		promotion: 'Сумын фэйсбүүк бүлэг, сургуулийн зарлал.',
		items: [
			{ item: 'Оёдлын машин', quantity: 2, unitPrice: 1_200_000 },
			{ item: 'Оверлок машин', quantity: 1, unitPrice: 900_000 },
			{ item: 'Даавуу (метр)', quantity: 40, unitPrice: 15_000 }
		],
		workingCapital: 400_000,
		sales: 900_000,
		costShare: 0.55,
		season: [1, 0.9, 0.9, 1.3, 1, 0.9, 1.2, 1, 1, 1.1, 1.6, 2],
		risks: 'Машин эвдрэх, зун захиалга цөөрөх.',
		mitigation: 'Засварын мөнгө хадгална, зун цүнх оёж зарна.'
	},
	{
		type: 'bakery',
		names: ['Говийн талх', 'Амтат боов', 'Өглөөний талх'],
		description: 'Өдөр бүр талх, боов, бялуу хийж дэлгүүр, айлуудад нийлүүлнэ.',
		experience: 'Уурхайн гал тогоонд 5 жил туслах тогооч хийсэн.',
		customers: 'Сумын 4 дэлгүүр, сургууль, айл өрхүүд.',
		needs: 'Шинэхэн талх; одоо Даланзадгадаас авчирдаг.',
		competitors: 'Аймгаас ирдэг талх, нэг жижиг цех.',
		advantage: 'Өдөр бүр шинэ, хүргэлттэй.',
		product: 'Талх, боорцог, бялуу.',
		price: 'Талх 2,500, бялуу 35,000 төгрөг.',
		place: 'Гэрийн хажуугийн жижиг цех.',
		promotion: 'Дэлгүүрүүдтэй гэрээ, Цагаан сарын урьдчилсан захиалга.',
		items: [
			{ item: 'Талхны зуух', quantity: 1, unitPrice: 2_100_000 },
			{ item: 'Зуурагч машин', quantity: 1, unitPrice: 950_000 },
			{ item: 'Хэвнүүд, тавиур', quantity: 10, unitPrice: 35_000 }
		],
		workingCapital: 600_000,
		sales: 1_300_000,
		costShare: 0.62,
		season: [1, 1, 1, 1.1, 1.2, 1, 1, 1, 1, 1.1, 1.3, 1.8],
		risks: 'Гурилын үнэ өсөх, цахилгаан тасрах.',
		mitigation: 'Гурил бөөнөөр авна; генератортой айлтай тохиролцоно.'
	},
	{
		type: 'shop',
		names: ['Ханбогд мини маркет', 'Өрхийн дэлгүүр', 'Баян хүнс'],
		description: 'Өдөр тутмын хүнс, ахуйн бараа зарах жижиг дэлгүүр.',
		experience: 'Ахынхаа дэлгүүрт 3 жил худалдагч хийсэн.',
		customers: 'Шинэ хорооллын 300 өрх.',
		needs: 'Хорооллын ойролцоо дэлгүүр алга.',
		competitors: 'Төвийн хоёр том дэлгүүр (1.5 км).',
		advantage: 'Ойрхон, орой 22 цаг хүртэл ажиллана.',
		product: 'Хүнс, ундаа, ахуйн бараа.',
		price: 'Зах зээлийн үнээр, 15% нэмэгдэлтэй.',
		place: 'Хорооллын уулзвар дахь контейнер.',
		promotion: 'Нээлтийн хямдрал, өрх бүрт зарлал.',
		items: [
			{ item: 'Хөргөгч', quantity: 2, unitPrice: 1_100_000 },
			{ item: 'Лангуу, тавиур', quantity: 4, unitPrice: 180_000 },
			{ item: 'Касс, жин', quantity: 1, unitPrice: 450_000 }
		],
		workingCapital: 900_000,
		sales: 2_400_000,
		costShare: 0.82,
		season: FLAT,
		risks: 'Зээлээр зарах, бараа хугацаа дуусах.',
		mitigation: 'Зээлээр зарахгүй; барааг 2 долоо хоногоор авна.'
	},
	{
		type: 'felt',
		names: ['Эсгий урлал', 'Говийн бэлэг', 'Ноосон гутал'],
		description: 'Эсгий гутал, бэлэг дурсгалын зүйл хийж жуулчин, зочид буудалд зарна.',
		experience: 'Ээжээсээ эсгий хийх сурсан, 2 удаа үзэсгэлэнд оролцсон.',
		customers: 'Жуулчны баазууд, уурхайн зочид, аймгийн дэлгүүр.',
		needs: 'Орон нутгийн гар урлалын бэлэг.',
		competitors: 'Улаанбаатарын үйлдвэрийн бараа.',
		advantage: 'Гар хийцийн, говийн хээтэй.',
		product: 'Эсгий гутал, хивс, тоглоом.',
		price: 'Гутал 45,000, тоглоом 12,000 төгрөг.',
		place: 'Гэртээ, бараагаа баазуудад тавина.',
		promotion: 'Жуулчны баазуудтай гэрээ, инстаграм.',
		items: [
			{ item: 'Ноос угаах, самнах багаж', quantity: 1, unitPrice: 1_400_000 },
			{ item: 'Ноос (кг)', quantity: 60, unitPrice: 8_000 },
			{ item: 'Хэв, будаг', quantity: 1, unitPrice: 320_000 }
		],
		workingCapital: 500_000,
		sales: 800_000,
		costShare: 0.45,
		season: [0.6, 0.8, 1.2, 1.6, 1.8, 1.5, 1, 0.7, 0.6, 0.6, 0.8, 1.3],
		risks: 'Жуулчин цөөрөх.',
		mitigation: 'Өвөл аймгийн дэлгүүр, онлайнаар зарна.'
	},
	{
		type: 'greenhouse',
		names: ['Ногоон хүлэмж', 'Говийн ногоо', 'Шинэ ургац'],
		description: 'Хүлэмжинд өргөст хэмх, улаан лооль, навчит ногоо тариална.',
		experience: 'Хөдөө аж ахуйн сургалтад хамрагдсан, 2 жил гэрийн хүлэмжтэй.',
		customers: 'Сумын дэлгүүрүүд, сургуулийн гал тогоо, уурхайн хоолны газар.',
		needs: 'Шинэ ногоо өвлөөс бусад үед хомс.',
		competitors: 'Хятадаас орж ирдэг ногоо.',
		advantage: 'Шинэ, орон нутгийн, хүргэлттэй.',
		product: 'Хэмх, лооль, салат, ногоон сонгино.',
		price: 'Хэмх 4,000/кг, лооль 6,000/кг.',
		place: 'Гэрийн хашаанд 60 м² хүлэмж.',
		promotion: 'Сургууль, хоолны газартай гэрээ.',
		items: [
			{ item: 'Хүлэмжийн хийц, бүрээс', quantity: 1, unitPrice: 2_600_000 },
			{ item: 'Дуслын усалгаа', quantity: 1, unitPrice: 480_000 },
			{ item: 'Үр, бордоо', quantity: 1, unitPrice: 250_000 }
		],
		workingCapital: 300_000,
		sales: 700_000,
		costShare: 0.35,
		season: [0.4, 0.9, 1.3, 1.6, 1.7, 1.6, 1.3, 0.9, 0.4, 0.2, 0.2, 0.3],
		risks: 'Хүйтэн, салхи, ус хүрэлцэхгүй байх.',
		mitigation: 'Давхар бүрээс, усны сав нэмнэ.'
	},
	{
		type: 'dairy',
		names: ['Цагаан идээ', 'Тараг, ааруул', 'Сүүн бүтээгдэхүүн'],
		description: 'Айлуудаас сүү авч тараг, ааруул, өрөм хийж зарна.',
		experience: 'Малчин айлд өссөн, цагаан идээ хийж борлуулсан туршлагатай.',
		customers: 'Сумын дэлгүүрүүд, айл өрх.',
		needs: 'Ариун цэврийн шаардлага хангасан орон нутгийн сүүн бүтээгдэхүүн.',
		competitors: 'Зах дээр зардаг айлууд.',
		advantage: 'Савлагаатай, шошготой, тогтмол нийлүүлэлттэй.',
		product: 'Тараг, ааруул, өрөм.',
		price: 'Тараг 3,000/л, ааруул 25,000/кг.',
		place: 'Гэрийн жижиг цех.',
		promotion: 'Дэлгүүрүүдэд туршилтаар тавина.',
		items: [
			{ item: 'Сепаратор', quantity: 1, unitPrice: 1_500_000 },
			{ item: 'Хөргөгч', quantity: 1, unitPrice: 1_100_000 },
			{ item: 'Сав, баглаа боодол', quantity: 1, unitPrice: 350_000 }
		],
		workingCapital: 450_000,
		sales: 1_000_000,
		costShare: 0.6,
		season: [0.6, 0.9, 1.3, 1.6, 1.6, 1.4, 1.1, 0.8, 0.6, 0.5, 0.5, 0.7],
		risks: 'Өвөл сүү цөөрөх.',
		mitigation: 'Өвөл ааруул, өрөм нөөцөлж зарна.'
	},
	{
		type: 'hairdressing',
		names: ['Гоо сайхан', 'Үсчин Номин', 'Гэрэлт үсчин'],
		description: 'Үс засалт, будалт, хумсны үйлчилгээ.',
		experience: 'Мэргэжлийн сургууль төгсөж 4 жил үсчин хийсэн.',
		customers: 'Сумын эмэгтэйчүүд, сурагчид, уурхайн ажилчид.',
		needs: 'Сумын төвд ганц үсчин бий, дараалал урт.',
		competitors: 'Нэг үсчин, аймгийн төвийн салонууд.',
		advantage: 'Урьдчилан цаг захиалах, орой ажиллах.',
		product: 'Үс засах, будах, хумс.',
		price: 'Засалт 10,000, будалт 40,000 төгрөг.',
		place: 'Худалдааны төвийн түрээсийн өрөө.',
		promotion: 'Фэйсбүүк, найз авчирвал хямдрал.',
		items: [
			{ item: 'Үсчний сандал', quantity: 2, unitPrice: 650_000 },
			{ item: 'Толь, тавиур', quantity: 2, unitPrice: 280_000 },
			{ item: 'Багаж, будаг', quantity: 1, unitPrice: 900_000 }
		],
		workingCapital: 500_000,
		sales: 1_100_000,
		costShare: 0.5,
		season: [1, 1, 1, 1.1, 1.3, 1, 1, 1, 1.2, 1, 1.3, 1.7],
		risks: 'Түрээс өсөх.',
		mitigation: 'Урт хугацааны гэрээ хийнэ.'
	}
];

function contentFor(template: PlanTemplate, index: number, rand: () => number): PlanContent {
	const content = emptyPlanContent();
	const scale = 0.85 + rand() * 0.4;
	const round = (n: number, step = 10_000) => Math.round(n / step) * step;
	content.idea = {
		businessName: template.names[index % template.names.length]!,
		businessType: template.type,
		description: template.description,
		experience: template.experience
	};
	content.market = {
		customers: template.customers,
		customerNeeds: template.needs,
		marketSize: `Ойролцоогоор ${round(800 + rand() * 2400, 100)} өрх.`
	};
	content.competitors = { competitors: template.competitors, advantage: template.advantage };
	content.marketing = {
		product: template.product,
		price: template.price,
		place: template.place,
		promotion: template.promotion
	};
	content.people = {
		owner: 'Би өөрөө бүтэн цагаар.',
		family: 'Нөхөр, том охин тусална.',
		employees: 0,
		employeesPlan: ''
	};
	content.legal = {
		legalForm: index % 5 === 0 ? 'cooperative' : 'individual',
		licences: 'Сумын Засаг даргын зөвшөөрөл'
	};
	content.startup = {
		items: template.items.map((item) => ({
			...item,
			unitPrice: round(item.unitPrice * scale, 1000)
		})),
		workingCapital: round(template.workingCapital * scale)
	};
	content.forecast = {
		months: template.season.map((factor) => {
			const sales = round(template.sales * scale * factor);
			return { sales, costs: round(sales * template.costShare + 120_000) };
		})
	};
	const total = startupTotals(content.startup).total;
	const own = round(total * (0.1 + rand() * 0.1));
	const other = index % 7 === 3 ? round(total * 0.1) : 0;
	content.funding = {
		ownContribution: own,
		grantRequested: total - own - other,
		otherSources: other,
		otherSourcesNote: other ? 'Хадгаламж зээлийн хоршооны зээл' : ''
	};
	content.risks = { risks: template.risks, mitigation: template.mitigation };
	return content;
}

/** A draft part-way: the first sections written, the numbers not yet. */
function partial(content: PlanContent, sectionsDone: number): PlanContent {
	const draft = emptyPlanContent();
	for (const section of PLAN_SECTIONS.slice(0, sectionsDone)) {
		(draft as unknown as Record<string, unknown>)[section] = content[section];
	}
	return draft;
}

export async function seedDemoPlans({
	eligible,
	coordinatorId,
	rand,
	submittedAt
}: {
	/** The eligible participants, in code order. */
	eligible: {
		_id: Types.ObjectId;
		userId: Types.ObjectId;
		cohortId: Types.ObjectId;
		soum: string;
	}[];
	coordinatorId: Types.ObjectId;
	rand: () => number;
	submittedAt: Date;
}) {
	const drafts: Record<string, unknown>[] = [];
	const versions: Record<string, unknown>[] = [];
	const plans: Record<string, unknown>[] = [];
	const submitted: Types.ObjectId[] = [];
	eligible.forEach((participant, i) => {
		if (i >= 46) return; // 4 have not started
		const content = contentFor(TEMPLATES[i % TEMPLATES.length]!, i, rand);
		const isSubmitted = i < 40;
		const resubmitted = isSubmitted && i % 13 === 2; // 3 plans returned once and resubmitted
		const plan = {
			_id: new Types.ObjectId(),
			participantId: participant._id,
			cohortId: participant.cohortId,
			soum: participant.soum,
			state: isSubmitted ? 'submitted' : 'draft',
			draftVersion: resubmitted ? 2 : 1,
			...(isSubmitted ? { submittedAt } : {})
		};
		plans.push(plan);
		const draft = isSubmitted ? content : partial(content, 3 + (i % 6));
		for (const section of PLAN_SECTIONS) {
			drafts.push({
				planId: plan._id,
				section,
				data: draft[section],
				fieldErrors: {},
				rejected: {},
				savedAt: submittedAt,
				savedBy: participant.userId
			});
		}
		if (!isSubmitted) return;
		submitted.push(participant._id);
		const snapshot = (version: number, of: PlanContent, extra: Record<string, unknown> = {}) => ({
			planId: plan._id,
			participantId: participant._id,
			version,
			content: of,
			startupTotalMnt: startupTotals(of.startup).total,
			grantRequestedMnt: of.funding.grantRequested,
			submittedAt: new Date(submittedAt.getTime() - (2 - version) * 7 * 24 * 60 * 60 * 1000),
			submittedBy: participant.userId,
			...extra
		});
		if (resubmitted) {
			const first = structuredClone(content);
			first.market.marketSize = 'Тодорхойгүй';
			versions.push(
				snapshot(1, first, {
					returnedAt: submittedAt,
					returnedBy: coordinatorId,
					returnReason: 'Зах зээлийн хэмжээг тоогоор тодорхой бичнэ үү.'
				}),
				snapshot(2, content)
			);
		} else {
			versions.push(snapshot(1, content));
		}
	});
	await BusinessPlan.insertMany(plans);
	await PlanSectionDraft.insertMany(drafts);
	await PlanVersion.insertMany(versions);
	await Participant.updateMany({ _id: { $in: submitted } }, { $set: { stage: 'review' } });
	return {
		plans: plans.length,
		submitted: submitted.length,
		drafts: plans.length - submitted.length
	};
}
