"""Word lists of the Germanic languages (English, German, Dutch) behind `lexicon`: how
headlines and standfirsts in each say who spoke, how many, when. Formats are in
`lexicon_romance`'s docstring; German capitalises every noun, so its `noun_markers` (articles
and determiners) tell a noun from a name.
"""

from __future__ import annotations

GERMANIC: dict[str, dict[str, str]] = {
    "en": {
        "function": """
            a an the and or but if then so as at by for from in into of on onto to with
            without about after before over under than that this these those there here it
            its it's he she they we i you his her their our my your him them us who whom
            whose which what when where while why how is are was were be been being has have
            had do does did not no nor also however meanwhile yet still more most less least
            very just only some any all each every other another such own same mr mrs ms dr
            against amid among plus via despite during since until through within across
            around towards toward upon will would can could might must shall should
        """,
        "grammar": """
            a an the of to in on at for by with from into onto that and amid as its it is are
            was were be been has have had
        """,
        "auxiliaries": "is are was were be been being has have had",
        "numbers": """
            zero=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10
            eleven=11 twelve=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17
            eighteen=18 nineteen=19 twenty=20 thirty=30 forty=40 fifty=50 sixty=60 seventy=70
            eighty=80 ninety=90 hundred=100 thousand=1000 dozen=12
            hundreds thousands million millions billion billions trillion dozens score scores
        """,
        "soft": """
            first second third fourth fifth sixth seventh eighth ninth tenth half quarter
            several few many couple twice
        """,
        # A match period after an ordinal ("second half") is the clock, not a figure.
        "periods": "half quarter period innings session",
        "calendar": """
            monday tuesday wednesday thursday friday saturday sunday january february march
            april may june july august september october november december jan feb mar apr jun
            jul aug sep sept oct nov dec today yesterday tomorrow tonight
        """,
        "verb_months": "march may",
        "speech_verbs": """
            say: say says said saying
            tell: tell tells told telling
            add: add adds added
            stated: stated
            claimed: claimed
            wrote: wrote writes
            posted: posted
            tweeted: tweeted
            announced: announced announces
            confirmed: confirmed confirms
            denied: denied denies
            insisted: insisted insists
            argued: argued argues
            warned: warned warns
            explained: explained
            reported: reported
            alleged: alleged
            according: according
            statement: statement
        """,
        "according": "according",
        # Reported, not asserted: who says it is left unnamed ("is said to", "reportedly").
        "hedges": """
            reportedly
            allegedly
            purportedly
            said to
            reported to
            alleged to
            claimed to
            understood to
        """,
        "roles": """
            spokesman spokeswoman spokesperson adviser advisor minister president chief
            secretary director chairman chairwoman governor mayor senator officer commissioner
            ambassador commander ceo leader manager judge prosecutor attorney lawyer councillor
            councilor deputy chancellor editor professor coach captain founder sheriff
            inspector superintendent detective sergeant constable king queen prince princess
            pope bishop lawmaker congressman congresswoman representative envoy diplomat
            treasurer mp mep pm boss official businessman businesswoman billionaire tycoon
            striker midfielder defender goalkeeper batter batsman bowler winner champion
        """,
        # Roles only beside a name ("Brentford forward", "Chinese premier"); alone they are
        # other words ("step forward", "Premier League", "general election", "head to").
        "attached_roles": "forward keeper general head executive chair vice premier",
        # A multi-sport page's sections are furniture too ("Commonwealth Games: Athletics").
        "labels": """
            live latest updates update text radio clips video watch listen follow reaction
            commentary as it happened highlights scores and in pictures photos athletics
            rowing gymnastics golf badminton cycling swimming boxing diving sailing hockey
            curling skating skiing snooker darts
        """,
        "same_names": "britain=uk gb=uk america=us usa=us holland=netherlands",
        "same_words": "ex=former vs=v versus=v",
        # Words after which a capitalised word is still an ordinary noun (German only).
        "noun_markers": "",
    },
    "de": {
        "attached_roles": "",
        "function": """
            der die das den dem des ein eine einer einem einen eines und oder aber doch wenn
            dann so als wie bei von vom zu zum zur in im an am auf aus mit nach vor über unter
            für gegen ohne um durch bis seit trotz während wegen zwischen ist sind war waren
            sein sei seien wird werden wurde wurden hat haben hatte hatten es er sie wir ich
            ihr ihm ihn ihre ihren ihrem sein seine seinen seinem dass daß nicht kein keine
            auch noch nur schon sehr mehr sich dies diese dieser dieses jetzt hier da wo was
            wer warum ins beim herr frau dr
        """,
        "grammar": """
            der die das den dem des ein eine einer einem einen eines und von vom zu zum zur in
            im an am auf aus mit bei für ist sind war waren wird werden wurde wurden hat haben
            hatte sich dass daß
        """,
        "auxiliaries": "ist sind war waren sei wird werden wurde wurden hat haben hatte hatten",
        "numbers": """
            null=0 eins=1 zwei=2 drei=3 vier=4 fünf=5 sechs=6 sieben=7 acht=8 neun=9 zehn=10
            elf=11 zwölf=12 zwanzig=20 dreißig=30 vierzig=40 fünfzig=50 sechzig=60 siebzig=70
            achtzig=80 neunzig=90 hundert=100 tausend=1000 dutzend=12
            hunderte tausende million millionen milliarde milliarden dutzende
        """,
        "soft": """
            erste ersten erster erstes zweite zweiten zweiter dritte dritten dritter vierte
            fünfte halb halbe hälfte viertel einige mehrere viele wenige etliche zweimal
        """,
        # A match period after an ordinal ("second half") is the clock, not a figure.
        "periods": "halbzeit hälfte viertel drittel",
        "calendar": """
            montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag januar
            jänner februar märz april mai juni juli august september oktober november dezember
            heute gestern morgen
        """,
        "verb_months": "",
        "speech_verbs": """
            say: sagt sagte sagten sagen gesagt
            explained: erklärt erklärte erklärten
            confirmed: bestätigt bestätigte
            denied: dementiert dementierte bestreitet bestritt
            warned: warnt warnte warnen
            reported: berichtet berichtete berichten
            claimed: behauptet behauptete
            wrote: schreibt schrieb
            announced: verkündet verkündete
            insisted: betont betonte
            according: laut zufolge
        """,
        "according": "laut",
        "hedges": """
            angeblich
            mutmaßlich
            mutmaßliche
            mutmaßlichen
            soll
            sollen
            berichten zufolge
        """,
        "roles": """
            sprecher sprecherin minister ministerin präsident präsidentin kanzler kanzlerin
            bundeskanzler bundeskanzlerin bürgermeister bürgermeisterin chef chefin vorsitzende
            vorsitzender trainer trainerin richter richterin staatsanwalt staatsanwältin
            botschafter botschafterin abgeordnete abgeordneter könig königin papst bischof
            direktor direktorin gouverneur senator senatorin kapitän regierungschef
            ministerpräsident ministerpräsidentin
        """,
        "labels": "live liveticker ticker liveblog newsblog video",
        "same_names": "usa=us amerika=us großbritannien=uk holland=niederlande",
        "same_words": "",
        "noun_markers": """
            der die das den dem des ein eine einer einem einen eines kein keine keinen keinem
            keiner im am zum zur vom beim ins dieser diese dieses diesen diesem jeder jede jedes
            jeden jedem sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer unser unsere
            alle viele mehrere einige neue neuen neuer neues
        """,
    },
    "nl": {
        "attached_roles": "",
        "function": """
            de het een en of maar als dan dus zoals van in op aan met voor door bij naar uit
            over onder tegen zonder tussen na sinds tijdens om tot is zijn was waren wordt
            worden werd werden heeft hebben had hij zij ze wij we ik jij je hun haar zijn zich
            dat die dit deze wie wat waar wanneer niet geen ook nog al zeer meer er hier daar
            dhr mevr
        """,
        "grammar": """
            de het een en van in op aan met voor door bij naar is zijn was wordt worden werd
            heeft hebben had dat die er
        """,
        "auxiliaries": "is zijn was waren wordt worden werd werden heeft hebben had",
        "numbers": """
            nul=0 één=1 twee=2 drie=3 vier=4 vijf=5 zes=6 zeven=7 acht=8 negen=9 tien=10
            elf=11 twaalf=12 twintig=20 dertig=30 veertig=40 vijftig=50 zestig=60 zeventig=70
            tachtig=80 negentig=90 honderd=100 duizend=1000 dozijn=12 tientallen honderden
            duizenden miljoen miljoenen miljard miljarden
        """,
        "soft": """
            eerste tweede derde vierde vijfde half halve helft kwart enkele meerdere
            verscheidene veel weinig
        """,
        # A match period after an ordinal ("second half") is the clock, not a figure.
        "periods": "helft kwart periode",
        "calendar": """
            maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart
            april mei juni juli augustus september oktober november december vandaag gisteren
            morgen
        """,
        "verb_months": "",
        "speech_verbs": """
            say: zegt zei zeggen zeiden gezegd
            stated: verklaart verklaarde stelt stelde
            reported: meldt meldde
            confirmed: bevestigt bevestigde
            denied: ontkent ontkende
            warned: waarschuwt waarschuwde
            wrote: schrijft schreef
            announced: kondigt kondigde
            according: volgens
        """,
        "according": "volgens",
        "hedges": """
            naar verluidt
            vermoedelijk
            vermoedelijke
            zou
            zouden
        """,
        "roles": """
            woordvoerder woordvoerster minister premier president burgemeester voorzitter
            directeur gouverneur ambassadeur rechter officier advocaat trainer coach
            aanvoerder koning koningin paus bisschop secretaris kamerlid wethouder
        """,
        "labels": "live liveblog video",
        "same_names": "vs=us amerika=us groot-brittannië=uk",
        "same_words": "",
        "noun_markers": "",
    },
}
