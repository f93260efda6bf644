// `npm run seed:demo`: loads the demo (soums, the demo cohort, one account per role) into the
// database on purpose, including a real MongoDB given by MONGODB_URI. Does nothing when any
// account already exists.
import { readEnv } from '$lib/server/env';
import { seedDemo } from '$lib/server/services/demoSeed';
import { startDatabase, startupFailureLine } from '$lib/server/startup';

try {
	const running = await startDatabase(readEnv(), () => {}, { demo: false });
	const loaded = await seedDemo();
	console.log(
		loaded
			? `Demo data loaded into ${running.uri.replace(/\/\/[^@]*@/, '//***@')}.`
			: 'The database already has accounts: the demo was not loaded.'
	);
	await running.stop();
} catch (error) {
	console.error(`seed:demo: ${startupFailureLine(error)}`);
	process.exit(1);
}
