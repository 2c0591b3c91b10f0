package catalog

import "github.com/patentsite/patentsite/build/corpus"

// A Catalog is the whole normalized, cross-referenced model.
// Every slice is sorted deterministically; nothing in it changes after Build.
type Catalog struct {
	Patents   []*Patent   // corpus order
	Assignees []*Assignee // by Name
	Inventors []*Inventor // by Name
	CPC       *Scheme
	IPC       *Scheme
	Countries []*Group // publication country, by Key
	Kinds     []*Group // kind code, by Key
	PubYears  []*Group // publication year, by Key
	PrioYears []*Group // earliest priority year, by Key

	// Problems are the parser's and the catalog's warnings and errors,
	// sorted by file and line.
	Problems []*corpus.Error

	byID     map[string]*Patent
	byNumber map[string]*Patent // canonical number without kind, own and family members
	memberOf map[string]*Patent // family member id → the patent whose family holds it

	related relatedLists // made by the first Related call
}

// A Patent is one normalized record.
type Patent struct {
	Seq     int // 0-based position in Catalog.Patents
	ID      string
	Country string
	Number  string
	Kind    string
	Title   string // plain text, highlights removed
	Lang    string // "zh" or "en"

	Primary          *Assignee // nil when the export names none
	PrimaryName      string    // the primary assignee as the index prints it
	Assignees        []*Assignee
	AssigneeNames    []string // the names as printed, split; may hold two spellings of one Assignee
	AssigneesCertain bool
	AssigneesRaw     string

	Inventors        []*Inventor
	InventorNames    []string // as printed; one unsplit string when InventorsCertain is false
	InventorsCertain bool
	InventorsRaw     string

	Priorities       []Priority
	EarliestPriority string // ISO date, may be empty
	Published        string // ISO date from the record's own family row, may be empty

	IPC []Class
	CPC []Class
	PCL []string

	Family []Member

	// Abstract is plain text; AbstractMarkdown gives it with the "**"
	// emphasis of the export, everything else escaped for goldmark.
	Abstract           string
	abstract           string // as printed, with "**"
	AbstractProvenance string
	Drawings           []corpus.Drawing

	Source corpus.Pos // the record's title line
}

// A Priority is one priority claim.
type Priority struct {
	Number string
	Date   string
}

// A Class is one classification of a patent.
type Class struct {
	Node *Node // the subgroup node: Node.Code is the compact code
	Main bool
}

// A Member is one family member.
type Member struct {
	ID      string // canonical: "WO2019137567A2"
	Number  string // canonical without kind: "WO2019137567"
	Printed string // as printed: "WO2019/137567"
	Kind    string
	Date    string
	Patent  *Patent // the catalog's record with this id, or nil
}

// An Assignee is one company or person holding patents, with its variant
// spellings merged.
type Assignee struct {
	Name    string    // display name
	Slug    string    // unique URL segment
	Aliases []string  // other spellings merged into Name, sorted
	Patents []*Patent // corpus order
	Primary int       // how many of Patents name it the primary assignee
}

// An Inventor is one inventor name, or, where the export gives no
// delimiter, one unsplit string of several names (Unsplit is then true).
type Inventor struct {
	Name    string
	Slug    string
	Unsplit bool
	Patents []*Patent // corpus order
}

// Level is a level of the classification hierarchy.
type Level int

const (
	RootLevel Level = iota
	SectionLevel
	ClassLevel
	SubclassLevel
	GroupLevel // main group: "H04L9"
	SubgroupLevel
)

// A Scheme is one classification scheme, CPC or IPC, as a tree.
type Scheme struct {
	Name  string // "cpc" or "ipc"
	Root  *Node  // RootLevel; its children are the sections
	nodes map[string]*Node
}

// A Node is one level of a classification: "H", "H04", "H04L", "H04L9"
// or "H04L9/3239".
type Node struct {
	Scheme   *Scheme
	Code     string
	Level    Level
	Parent   *Node
	Children []*Node // by Code, numerically within a level
	// Patents are the patents classified at or below this node, in corpus
	// order, each once; len(Patents) is the roll-up count.
	Patents []*Patent
	// Twin is the node with the same code in the other scheme, or nil.
	Twin *Node

	last  *Patent // while filing: the last patent counted
	count int     // while filing: how many patents
}

// A Group is a set of patents sharing one value: a country, a kind or a year.
type Group struct {
	Key     string
	Patents []*Patent // corpus order
}
