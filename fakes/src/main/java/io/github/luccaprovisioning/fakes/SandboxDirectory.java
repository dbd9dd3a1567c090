package io.github.luccaprovisioning.fakes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * A realistic, deterministic Lucca v3 employee directory for the sandbox fake of {@code GET /api/v3/users}.
 * <p>
 * The same seed and day always give the same people, so a sandbox run can be replayed and a test can rely on what it
 * sees. Records are shaped like Lucca's own: dates as {@code yyyy-MM-ddT00:00:00}, references as {@code {id, name}}
 * objects, last names in their natural capitalisation. The mix deliberately holds what a provisioning run must cope
 * with: people who left, people not yet arrived, fixed-term contracts, accents, apostrophes, and namesakes whose work
 * emails need a number to stay unique.
 */
public final class SandboxDirectory {

    private static final int FIRST_ID = 1001;
    private static final int NO_MANAGER = -1;
    private static final String API_BASE = "https://sandbox.ilucca-demo.net/api/v3/users/";
    /** A reserved domain (RFC 2606), so no sandbox address can ever reach a real mailbox. */
    private static final String MAIL_DOMAIN = "acme.example";

    private static final double FORMER_SHARE = 0.10;
    private static final double FUTURE_HIRE_SHARE = 0.03;
    private static final double FIXED_TERM_SHARE = 0.02;
    private static final double INTERNATIONAL_NAME_SHARE = 0.35;
    /** Mixed families and marriages: some people carry a last name from the other pool than their first name. */
    private static final double MIXED_NAME_SHARE = 0.25;
    private static final double ENGLISH_CULTURE_SHARE = 0.10;
    private static final double NO_COST_CENTER_SHARE = 0.03;
    private static final double DIRECT_LINE_SHARE = 0.65;
    private static final double PROFESSIONAL_MOBILE_SHARE = 0.45;
    private static final int DAYS_OF_HISTORY = 12 * 365;

    /** Room for a user's 22 fields without the map rehashing as they are put. */
    private static final int USER_MAP_CAPACITY = 32;
    /** How many team leads a head or lead manages, which keeps the org chart about as deep as a real company's. */
    private static final int LEADS_PER_MANAGER = 6;
    private static final int MIN_TEAM_SIZE = 5;
    private static final int MAX_TEAM_SIZE = 12;

    private static final Department[] DEPARTMENTS = Department.values();
    private static final LegalEntity[] LEGAL_ENTITIES = LegalEntity.values();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<Character, String> SPELLED_OUT = Map.of(
            'ø', "o", 'æ', "ae", 'œ', "oe", 'ß', "ss", 'ł', "l", 'đ', "d", 'ð', "d", 'þ', "th", 'ı', "i");

    /*
     * Pools large enough that a 10,000-strong directory has namesakes the way a real company does, rather than most
     * addresses ending in a number. Names are separated by ", " so that "Le Goff" keeps its space.
     */
    private static final List<Name> FRENCH_FEMALE = names("Élodie, Zoé, Anaïs, Hélène, Maëlle, Céline, Gaëlle, Noémie, "
            + "Thérèse, Camille, Manon, Léa, Chloé, Inès, Marie-Claire, Sophie, Amélie, Clémence, Margaux, Bérénice, "
            + "Juliette, Louise, Émilie, Aurélie, Mathilde, Pauline, Laure, Sandrine, Nathalie, Isabelle, Valérie, "
            + "Christelle, Agnès, Cécile, Solène, Océane, Justine, Capucine, Apolline, Héloïse, Ophélie, Mélanie, "
            + "Virginie, Delphine, Brigitte, Françoise, Geneviève, Joséphine, Lucie, Éléonore, Romane, Jeanne, Adèle, "
            + "Colette, Anne-Sophie, Estelle, Charlotte, Marion, Elsa, Gwenaëlle");
    private static final List<Name> FRENCH_MALE = names("Jérôme, François, Loïc, Benoît, Raphaël, Jean-Baptiste, "
            + "Thomas, Nicolas, Julien, Mathieu, Sébastien, Hugo, Lucas, Théo, Rémi, Cédric, Grégoire, Antoine, "
            + "Yannick, Stéphane, Frédéric, Laurent, Olivier, Guillaume, Maxime, Alexandre, Pierre-Louis, Étienne, "
            + "Gaël, Noël, Hervé, Thierry, Pascal, Bruno, Damien, Arnaud, Bastien, Clément, Quentin, Romain, Adrien, "
            + "Baptiste, Florian, Jean-Marc, Xavier, Vincent, Gérard, Léon, Aurélien, Valentin, Timothée, Joël, "
            + "Anthony, Mickaël, Kévin, Jérémy, Gaëtan, Fabrice, Ludovic, Rodolphe");
    private static final List<Name> INTERNATIONAL_FEMALE = names("Aiko, Priya, Ngozi, Fatima, Siobhán, Ingrid, "
            + "Agnieszka, Mei, Chiara, Yasmin, Zeynep, Astrid, Ana, Olga, Yuki, Ananya, Chidinma, Amina, Aoife, "
            + "Sigrid, Małgorzata, Xiu, Giulia, Leila, Elif, Freja, Lucía, Svetlana, Sakura, Deepika, Adaeze, Khadija, "
            + "Niamh, Katarzyna, Hanna, Lin, Francesca, Nadia, Ayşe, Paloma");
    private static final List<Name> INTERNATIONAL_MALE = names("Mateo, Olumide, Søren, Zoltán, Wei, Dmitri, Björn, "
            + "Kenji, Rahul, Tomasz, Luca, Kwame, Andrés, Mehmet, Oisín, Javier, Hiroshi, Arjun, Chukwuemeka, Omar, "
            + "Seán, Lars, Paweł, Jun, Matteo, Karim, Emre, Magnus, Santiago, Sergei, Takeshi, Vikram, Babajide, "
            + "Youssef, Ciarán, Henrik, Jakub, Hao, Giorgos, Diego");
    private static final List<Name> FRENCH_LAST = names("Lefèvre, Dubois, Moreau, Le Goff, Fontaine, N'Diaye, Bénard, "
            + "Girard, Rousseau, Lemaître, Martin, Bernard, Petit, Durand, Leroy, Roux, Fournier, Morel, Mercier, "
            + "Guérin, Garnier, Chevalier, Faure, André, Lambert, Bonnet, Gauthier, Perrin, Clément, Caron, Hébert, "
            + "Lacroix, Da Silva, Benali, Saint-Martin, Delaunay, Ménard, Le Corre, Barbier, Brunet, Thomas, Richard, "
            + "Robert, Simon, Laurent, Michel, Lefebvre, Dupont, Blanc, Boyer, Legrand, Bertrand, Henry, Rivière, "
            + "Dufour, Vincent, Joly, Lemoine, Renard, Arnaud, Marchand, Roussel, Duval, Fabre, Colin, Picard, "
            + "Gaillard, Leclerc, Lévêque, Aubert, Masson, Boucher, Chauvin, Lucas, Noël, Carré, Hamon, Le Gall, "
            + "Dumont, Gilbert, Deschamps, Renaud, Brun, Royer, Prévost, Meunier, Giraud, Poirier, Huet, Besnard, "
            + "Boulanger, D'Almeida, Traoré, Diallo, Benoît, Charpentier, Mallet, Pelletier, Kerjean, Laporte");
    private static final List<Name> INTERNATIONAL_LAST = names("Nguyễn, García, Müller, O'Brien, Ferreira, Kowalski, "
            + "Rossi, Yılmaz, Tanaka, Okafor, Sharma, Andersen, Horváth, Zhang, Ivanov, Schmidt, Fernández, Nowak, "
            + "Bianchi, Suzuki, Adeyemi, Jensen, Lindqvist, Papadopoulos, van der Berg, Al-Masri, Murphy, Santos, "
            + "Trần, Rodríguez, López, Martínez, González, Schneider, Fischer, Weber, Wójcik, Kamiński, Lewandowski, "
            + "Esposito, Romano, Colombo, Kaya, Demir, Şahin, Çelik, Sato, Watanabe, Takahashi, Nakamura, Kim, Park, "
            + "Wang, Chen, Liu, Patel, Singh, Gupta, Iyer, Mensah, Okonkwo, Nwosu, Kelly, O'Sullivan, Walsh, Nielsen, "
            + "Johansson, Karlsson, Dvořák, Kovács, Nagy, Popescu, Petrov, Smirnov, Oliveira, Costa, Haddad, Mansour, "
            + "Cohen, Smith");

    private enum Culture {
        FRENCH(1036, "français (France)"),
        ENGLISH(1033, "English (United States)"),
        GERMAN(1031, "Deutsch (Deutschland)"),
        SPANISH(3082, "español (España)");

        final int lcid;
        final String label;

        Culture(int lcid, String label) {
            this.lcid = lcid;
            this.label = label;
        }
    }

    /** Phone patterns use '#' for a random digit, laid out the way each country writes its numbers. */
    private enum LegalEntity {
        FRANCE(1, "Acme France SAS", "PAR", 55, Culture.FRENCH, "+33 1 70 ## ## ##", "+33 6 ## ## ## ##"),
        SWITZERLAND(2, "Acme Suisse SA", "GVA", 15, Culture.FRENCH, "+41 22 ### ## ##", "+41 79 ### ## ##"),
        GERMANY(3, "Acme GmbH", "MUC", 18, Culture.GERMAN, "+49 89 #### ####", "+49 151 ########"),
        SPAIN(4, "Acme Iberia SL", "MAD", 12, Culture.SPANISH, "+34 91 ### ## ##", "+34 6## ## ## ##");

        final int id;
        final String label;
        final String site;
        final int weight;
        final Culture culture;
        final String directLine;
        final String mobile;

        LegalEntity(int id, String label, String site, int weight, Culture culture, String directLine, String mobile) {
            this.id = id;
            this.label = label;
            this.site = site;
            this.weight = weight;
            this.culture = culture;
            this.directLine = directLine;
            this.mobile = mobile;
        }
    }

    private enum Department {
        SALES(11, "Sales", "SALES", 20, "VP Sales", "Sales Team Lead",
                "Account Executive", "Business Developer", "Key Account Manager", "Sales Development Representative"),
        ENGINEERING(12, "Engineering", "ENG", 25, "Chief Technology Officer", "Engineering Manager",
                "Software Engineer", "Senior Software Engineer", "Site Reliability Engineer", "QA Engineer",
                "Data Engineer"),
        CUSTOMER_SUPPORT(13, "Customer Support", "SUPPORT", 15, "Head of Customer Support", "Support Team Lead",
                "Customer Support Specialist", "Technical Support Engineer", "Customer Success Manager"),
        FINANCE(14, "Finance", "FIN", 8, "Chief Financial Officer", "Finance Manager",
                "Accountant", "Financial Controller", "Payroll Specialist"),
        PEOPLE(15, "People", "PEOPLE", 6, "Chief People Officer", "HR Manager",
                "HR Business Partner", "Talent Acquisition Specialist", "HR Officer"),
        MARKETING(16, "Marketing", "MKT", 10, "Chief Marketing Officer", "Marketing Manager",
                "Product Marketing Manager", "Content Manager", "Growth Marketer", "Graphic Designer"),
        OPERATIONS(17, "Operations", "OPS", 11, "Chief Operating Officer", "Operations Manager",
                "Operations Analyst", "Office Manager", "Procurement Specialist", "IT Support Technician"),
        LEGAL(18, "Legal", "LEGAL", 5, "General Counsel", "Legal Manager",
                "Legal Counsel", "Compliance Officer", "Paralegal");

        final int id;
        final String label;
        final String code;
        final int weight;
        final String headTitle;
        final String leadTitle;
        final List<String> titles;

        Department(int id, String label, String code, int weight, String headTitle, String leadTitle,
                   String... titles) {
            this.id = id;
            this.label = label;
            this.code = code;
            this.weight = weight;
            this.headTitle = headTitle;
            this.leadTitle = leadTitle;
            this.titles = List.of(titles);
        }
    }

    /** FOUNDING is the CEO and department heads: always in place, and there since the company's early years. */
    private enum Status { FOUNDING, ACTIVE, FIXED_TERM, FORMER, FUTURE_HIRE }

    private record Name(String value, String mailPart) {
    }

    private record Placement(String jobTitle, Department department, LegalEntity entity, Status status, int manager) {
    }

    private record Contract(LocalDate start, LocalDate end) {
    }

    /**
     * A department's teams as they fill up: newcomers join the newest team until it is full, then the next plain
     * active newcomer opens a new team and leads it. Until the first team opens, newcomers report to the head.
     */
    private static final class Teams {
        private final List<Integer> leads = new ArrayList<>();
        private int newestManager;
        private int newestSize;
        private int newestCapacity;

        Teams(int head, int capacity) {
            newestManager = head;
            newestCapacity = capacity;
        }

        boolean newestIsFull() {
            return newestSize >= newestCapacity;
        }

        void open(int lead, int capacity) {
            leads.add(lead);
            newestManager = lead;
            newestSize = 0;
            newestCapacity = capacity;
        }

        /** Returns the index of the newcomer's manager. */
        int join() {
            newestSize++;
            return newestManager;
        }
    }

    private final Random random;
    private final LocalDate today;
    private final List<ObjectNode> users;
    private final Set<String> takenMailParts = new HashSet<>();
    /** Where to resume counting namesakes, so the hundredth "camille.martin" does not retry 2..99 first. */
    private final Map<String, Integer> nextMailSuffix = new HashMap<>();
    private final int[] lastEmployeeNumber = new int[LEGAL_ENTITIES.length];
    private final Map<Department, Teams> teamsByDepartment = new EnumMap<>(Department.class);

    private SandboxDirectory(int employees, long seed, LocalDate today) {
        this.random = new Random(seed);
        this.today = today;
        this.users = new ArrayList<>(employees);
        for (Department department : DEPARTMENTS) {
            teamsByDepartment.put(department, new Teams(head(department), between(MIN_TEAM_SIZE, MAX_TEAM_SIZE)));
        }
    }

    /** Generates {@code employees} Lucca v3 user records, deterministic for a given seed and {@code today}. */
    public static List<ObjectNode> generate(int employees, long seed, LocalDate today) {
        if (employees < 0) {
            throw new IllegalArgumentException("employees must not be negative, not " + employees);
        }
        Objects.requireNonNull(today, "today");
        SandboxDirectory directory = new SandboxDirectory(employees, seed, today);
        for (int index = 0; index < employees; index++) {
            directory.users.add(directory.employee(index));
        }
        return directory.users;
    }

    private ObjectNode employee(int index) {
        Placement placement = place(index);
        Contract contract = contract(placement.status());
        boolean female = random.nextBoolean();
        boolean international = random.nextDouble() < INTERNATIONAL_NAME_SHARE;
        Name first = pick(international ? (female ? INTERNATIONAL_FEMALE : INTERNATIONAL_MALE)
                : (female ? FRENCH_FEMALE : FRENCH_MALE));
        Name last = pick(international ^ (random.nextDouble() < MIXED_NAME_SHARE) ? INTERNATIONAL_LAST : FRENCH_LAST);
        String login = uniqueMailPart(first.mailPart() + "." + last.mailPart());
        LegalEntity entity = placement.entity();
        int id = FIRST_ID + index;

        ObjectNode user = new ObjectNode(NODES, new LinkedHashMap<>(USER_MAP_CAPACITY));
        user.put("id", id);
        user.put("name", first.value() + " " + last.value());
        user.put("url", API_BASE + id);
        user.put("firstName", first.value());
        user.put("lastName", last.value());
        user.put("displayName", last.value() + " " + first.value());
        user.put("mail", login + "@" + MAIL_DOMAIN);
        user.put("login", login);
        user.put("employeeNumber", zeroPadded(++lastEmployeeNumber[entity.ordinal()], 5));
        user.put("dtContractStart", midnight(contract.start()));
        user.put("dtContractEnd", contract.end() == null ? null : midnight(contract.end()));
        user.put("birthDate", midnight(birthDate(contract.start())));
        user.put("gender", female ? "Female" : "Male");
        user.put("jobTitle", placement.jobTitle());
        user.put("directLine", random.nextDouble() < DIRECT_LINE_SHARE ? phone(entity.directLine) : null);
        user.put("professionalMobile", random.nextDouble() < PROFESSIONAL_MOBILE_SHARE ? phone(entity.mobile) : null);
        user.put("modifiedAt", modifiedAt(contract));
        Culture culture = random.nextDouble() < ENGLISH_CULTURE_SHARE ? Culture.ENGLISH : entity.culture;
        user.set("culture", reference(culture.lcid, culture.label));
        user.set("legalEntity", reference(entity.id, entity.label));
        user.set("department", reference(placement.department().id, placement.department().label));
        user.set("manager", placement.manager() == NO_MANAGER ? NODES.nullNode()
                : reference(FIRST_ID + placement.manager(), users.get(placement.manager()).get("name").asText()));
        user.set("userAxisValues_4", random.nextDouble() < NO_COST_CENTER_SHARE ? NODES.nullNode()
                : costCenter(entity, placement.department()));
        return user;
    }

    /**
     * The first employee is the CEO and the next ones head each department, so that every later employee finds their
     * department head already in the list. Only plain active employees open a team, so nobody leads a team after
     * leaving or before arriving. The first leads report to the head and later ones to earlier leads, a few per
     * manager, so that nobody has hundreds of direct reports and the chart stays a handful of levels deep.
     */
    private Placement place(int index) {
        if (index == 0) {
            return new Placement("Chief Executive Officer", Department.OPERATIONS, LegalEntity.FRANCE, Status.FOUNDING,
                    NO_MANAGER);
        }
        if (index <= DEPARTMENTS.length) {
            Department department = DEPARTMENTS[index - 1];
            return new Placement(department.headTitle, department, LegalEntity.FRANCE, Status.FOUNDING, 0);
        }
        Department department = weighted(DEPARTMENTS, d -> d.weight);
        LegalEntity entity = weighted(LEGAL_ENTITIES, e -> e.weight);
        Status status = status();
        Teams teams = teamsByDepartment.get(department);
        if (status == Status.ACTIVE && teams.newestIsFull()) {
            int opened = teams.leads.size();
            int manager = opened < LEADS_PER_MANAGER ? head(department)
                    : teams.leads.get(opened / LEADS_PER_MANAGER - 1);
            teams.open(index, between(MIN_TEAM_SIZE, MAX_TEAM_SIZE));
            return new Placement(department.leadTitle, department, entity, status, manager);
        }
        return new Placement(pick(department.titles), department, entity, status, teams.join());
    }

    /** The index of the department's head, who comes right after the CEO in department order. */
    private static int head(Department department) {
        return department.ordinal() + 1;
    }

    private Status status() {
        double roll = random.nextDouble();
        if (roll < FORMER_SHARE) {
            return Status.FORMER;
        }
        if (roll < FORMER_SHARE + FUTURE_HIRE_SHARE) {
            return Status.FUTURE_HIRE;
        }
        return roll < FORMER_SHARE + FUTURE_HIRE_SHARE + FIXED_TERM_SHARE ? Status.FIXED_TERM : Status.ACTIVE;
    }

    private Contract contract(Status status) {
        return switch (status) {
            case FOUNDING -> new Contract(today.minusDays(between(9 * 365, DAYS_OF_HISTORY)), null);
            case ACTIVE -> new Contract(today.minusDays(between(1, DAYS_OF_HISTORY)), null);
            case FIXED_TERM -> new Contract(today.minusDays(between(1, 540)), today.plusDays(between(1, 365)));
            case FUTURE_HIRE -> new Contract(today.plusDays(between(1, 30)), null);
            case FORMER -> {
                LocalDate end = today.minusDays(between(1, 1500));
                yield new Contract(end.minusDays(between(60, 8 * 365)), end);
            }
        };
    }

    /** Derived from the start date, so that everyone was between 20 and 55 when hired, whenever that was. */
    private LocalDate birthDate(LocalDate contractStart) {
        return contractStart.minusYears(between(20, 55)).minusDays(random.nextInt(365));
    }

    /**
     * Within the last year, never before the event that last touched the record (arrival, departure, or the record
     * being set up a few weeks before a future hire's first day), and never later than yesterday so that a sandbox
     * answer never claims a change that has not happened yet.
     */
    private String modifiedAt(Contract contract) {
        LocalDate yesterday = today.minusDays(1);
        LocalDate lastEvent = contract.end() != null && contract.end().isBefore(today) ? contract.end()
                : contract.start().isBefore(today) ? contract.start() : contract.start().minusDays(45);
        LocalDate earliest = min(max(lastEvent, today.minusDays(365)), yesterday);
        LocalDate day = earliest.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(earliest, yesterday) + 1));
        int second = 7 * 3600 + random.nextInt(13 * 3600);
        return day + "T" + zeroPadded(second / 3600, 2) + ":" + zeroPadded(second / 60 % 60, 2) + ":"
                + zeroPadded(second % 60, 2) + "." + zeroPadded(random.nextInt(1000), 3);
    }

    private ObjectNode costCenter(LegalEntity entity, Department department) {
        int id = (entity.ordinal() + 1) * 100 + department.ordinal() + 1;
        return reference(id, "CC-" + entity.site + "-" + department.code);
    }

    /**
     * A namesake gets the next free number ("camille.martin2"); the set stays the judge, so the result is unique even
     * if two different names fold to the same address.
     */
    private String uniqueMailPart(String base) {
        if (takenMailParts.add(base)) {
            return base;
        }
        int suffix = nextMailSuffix.getOrDefault(base, 2);
        while (!takenMailParts.add(base + suffix)) {
            suffix++;
        }
        nextMailSuffix.put(base, suffix + 1);
        return base + suffix;
    }

    private String phone(String pattern) {
        StringBuilder number = new StringBuilder(pattern.length());
        for (char c : pattern.toCharArray()) {
            number.append(c == '#' ? (char) ('0' + random.nextInt(10)) : c);
        }
        return number.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private <T> T weighted(T[] values, ToIntFunction<T> weight) {
        int total = 0;
        for (T value : values) {
            total += weight.applyAsInt(value);
        }
        int roll = random.nextInt(total);
        for (T value : values) {
            roll -= weight.applyAsInt(value);
            if (roll < 0) {
                return value;
            }
        }
        throw new IllegalStateException("weights changed while picking");
    }

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private static ObjectNode reference(int id, String name) {
        return NODES.objectNode().put("id", id).put("name", name);
    }

    /** By hand rather than String.format or a DateTimeFormatter, which cost more than the rest of a record. */
    private static String zeroPadded(int value, int width) {
        String digits = Integer.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static String midnight(LocalDate date) {
        return date + "T00:00:00";
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static List<Name> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(", ")).map(value -> new Name(value, mailPart(value))).toList();
    }

    /**
     * Accents are stripped by decomposing letters and keeping only a-z, which also drops apostrophes, spaces and
     * hyphens ("N'Diaye" becomes "ndiaye", "Le Goff" becomes "legoff"); the few letters that do not decompose
     * (ø, ß, Turkish dotless ı...) are spelled out the way their owners would type them.
     */
    private static String mailPart(String name) {
        String decomposed = Normalizer.normalize(name.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder ascii = new StringBuilder(decomposed.length());
        for (char c : decomposed.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                ascii.append(c);
            } else {
                ascii.append(SPELLED_OUT.getOrDefault(c, ""));
            }
        }
        return ascii.toString();
    }
}
