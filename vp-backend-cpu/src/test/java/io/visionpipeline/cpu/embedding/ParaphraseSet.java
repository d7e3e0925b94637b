package io.visionpipeline.cpu.embedding;

import java.util.ArrayList;
import java.util.List;

/**
 * Transcript- and OCR-like sentences, each with a paraphrased query that shares as few words with
 * it as possible. Sentences are built as subject × statement, so several sentences share a
 * subject and several share a statement: ranking the right one first needs both parts understood,
 * not one keyword.
 */
public final class ParaphraseSet {

    /** A stored sentence and a query that says the same thing in other words. */
    public record Pair(String sentence, String query) {
    }

    private static final String[][] SUBJECTS = {
            {"the quarterly budget", "the spending plan for this quarter"},
            {"the new bicycle lane", "the fresh path for cyclists"},
            {"the hospital parking garage", "the multi-storey car park next to the medical centre"},
            {"the school lunch menu", "what kids are served to eat at midday"},
            {"the downtown library", "the central public place for borrowing books"},
            {"the football stadium roof", "the top that shelters the soccer ground"},
            {"the river bridge", "the span across the river"},
            {"the airport security line", "the wait at passenger screening before boarding planes"},
            {"the night bus service", "public transport after dark"},
            {"the swimming pool", "the place where people do laps in water"},
            {"the farmers market", "the weekly sale of produce by growers"},
            {"the police station", "the building of the local cops"},
            {"the solar panel project", "the plan to put photovoltaic modules up"},
            {"the train timetable", "the schedule of railway departures"},
            {"the museum exhibition", "the display at the gallery of artefacts"},
            {"the water treatment plant", "the facility that cleans drinking water"},
            {"the fire alarm system", "the devices that warn about flames"},
            {"the student loan program", "the scheme lending money to university pupils"},
            {"the vaccine rollout", "the distribution of immunization shots"},
            {"the heating bill", "what we pay to keep homes warm"},
            {"the city zoo", "the park with caged animals in town"},
            {"the election results", "the outcome of the vote count"},
            {"the software update", "the new version of the program"},
            {"the coffee machine", "the device that brews espresso"},
            {"the office elevator", "the lift in the work building"},
            {"the wedding ceremony", "the marriage celebration"},
            {"the company picnic", "the outdoor meal for employees"},
            {"the emergency room", "the urgent care ward"},
            {"the mountain trail", "the hiking path up the peak"},
            {"the recycling program", "the scheme for reusing waste"},
            {"the chess tournament", "the competition of board game players"},
            {"the dental clinic", "the place where teeth get fixed"},
            {"the harbour ferry", "the boat that carries people across the bay"},
            {"the concert hall", "the venue for orchestra performances"},
            {"the wind farm", "the field of turbines making electricity"},
            {"the bakery on Main Street", "the bread shop on the main road"},
            {"the science fair", "the show where children present their experiments"},
            {"the tax return deadline", "the last day to file what you owe the government"},
            {"the snow plough fleet", "the trucks that clear winter roads"},
            {"the public toilets", "the restrooms open to everyone"},
    };

    private static final String[][] STATEMENTS = {
            {"The council finally approved %s yesterday.", "the town councillors voted in favour of %s on the previous day"},
            {"Nobody expected %s to cost twice as much as planned.", "%s turned out double the estimated price, surprising everyone"},
            {"We will close %s for repairs next week.", "%s will be shut for fixing work starting next week"},
            {"Residents complained loudly about %s at the meeting.", "locals were angry about %s during the gathering"},
            {"The mayor promised to make %s much bigger.", "the town's leader vowed to enlarge %s"},
    };

    private static final String[][] SIGNS = {
            {"EMERGENCY EXIT ONLY", "the door to use when there is a fire"},
            {"NO PARKING AT ANY TIME", "you may never leave your car here"},
            {"WET FLOOR", "careful, the ground is slippery"},
            {"CLOSED FOR RENOVATION", "shut while being rebuilt"},
            {"SALE 50% OFF ALL SHOES", "footwear at half price"},
            {"PLEASE TURN OFF YOUR PHONE", "switch your mobile off"},
            {"DANGER HIGH VOLTAGE", "risk of electric shock"},
            {"STAFF ONLY BEYOND THIS POINT", "employees alone may go further"},
            {"OPEN 24 HOURS", "never closes, day or night"},
            {"KEEP OFF THE GRASS", "do not walk on the lawn"},
            {"PLATFORM 4 DELAYED", "the train on track four is late"},
            {"FREE WIFI INSIDE", "internet access at no charge in here"},
            {"DO NOT FEED THE ANIMALS", "giving food to the creatures is forbidden"},
            {"SCHOOL ZONE SLOW DOWN", "reduce speed, children nearby"},
            {"RESTROOMS UPSTAIRS", "toilets are on the floor above"},
            {"NO SMOKING", "cigarettes are not allowed"},
            {"LAST ADMISSION 5 PM", "final entry is at seventeen hundred"},
            {"CASH ONLY", "cards are not accepted"},
            {"ELEVATOR OUT OF ORDER", "the lift is broken"},
            {"BEWARE OF THE DOG", "a guard animal may bite"},
    };

    private ParaphraseSet() {
    }

    /** @return 220 pairs: 200 spoken-style sentences and 20 on-screen signs */
    public static List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (String[] subject : SUBJECTS) {
            for (String[] statement : STATEMENTS) {
                pairs.add(new Pair(String.format(statement[0], subject[0]), String.format(statement[1], subject[1])));
            }
        }
        for (String[] sign : SIGNS) {
            pairs.add(new Pair(sign[0], sign[1]));
        }
        return pairs;
    }
}
